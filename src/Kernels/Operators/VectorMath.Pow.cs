using System.Runtime.CompilerServices;

namespace TorchJit.Kernels;

internal static partial class VectorMath
{
    // Sleef xpowf (sleefsimdsp.c, 1.0-ulp family): x^y = e^(y log|x|) with log and exp carried in double-float,
    // so the product's error is not magnified by |y log x| (up to ~104 before the result under/overflows).
    // Polynomial and split constants are Sleef's logkf/expkf ones.
    private const float LogkT0 = 0.240320354700088500976562f;
    private const float LogkT1 = 0.285112679004669189453125f;
    private const float LogkT2 = 0.400007992982864379882812f;
    private const float LogkC2Hi = 0.66666662693023681640625f;
    private const float LogkC2Lo = 3.69183861259614332084311e-09f;
    private const float LogkLn2Hi = 0.69314718246459960938f;
    private const float LogkLn2Lo = -1.904654323148236017e-09f;
    private const float ExpkC5 = 0.00136324646882712841033936f;
    private const float ExpkC4 = 0.00836596917361021041870117f;
    private const float ExpkC3 = 0.0416710823774337768554688f;
    private const float ExpkC2 = 0.166665524244308471679688f;
    private const float ExpkC1 = 0.499999850988388061523438f;

    /// <summary>
    /// C99/IEEE pow (what torch.pow does on CPU): negative x only with integral y (sign from y's parity),
    /// pow(x, ±0) = 1 and pow(1, y) = 1 even for NaN, otherwise NaN in -> NaN out; zero and infinite x and y
    /// follow C99 Annex F (e.g. pow(-0, -3) = -inf, pow(-1, ±inf) = 1, pow(0.5, -inf) = +inf).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVec Pow<TSimd, TVec>(TVec x, TVec y)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        TVec one = TSimd.Broadcast(1f);
        TVec inf = TSimd.Broadcast(float.PositiveInfinity);
        TVec ay = TSimd.Abs(y);
        TVec two24 = TSimd.Broadcast(16777216f);

        // Every |y| >= 2^24 is an even integer; below that, truncate and look at the low bit.
        TVec yIsInt = TSimd.BitwiseOr(
            TSimd.EqualsMask(TSimd.Truncate(y), y), TSimd.LessThanOrEqualMask(two24, ay));
        TVec lowBit = TSimd.BitwiseAnd(
            TSimd.SingleToInt32(AtMost<TSimd, TVec>(ay, 16777216f)), TSimd.Int32Broadcast(1));
        TVec yIsOdd = TSimd.BitwiseAnd(
            TSimd.BitwiseAnd(TSimd.EqualsMask(lowBit, TSimd.Int32Broadcast(1)), yIsInt), TSimd.LessThan(ay, two24));

        TVec result = ExpK<TSimd, TVec>(DfMul<TSimd, TVec>(LogK<TSimd, TVec>(TSimd.Abs(x)), y));

        // Overflow inside the double-float product shows up as NaN (inf - inf); it means +inf.
        result = TSimd.ConditionalSelect(TSimd.IsNaN(result), inf, result);

        // Negative base: sign from y's parity, NaN for non-integral y.
        TVec negativeFactor = TSimd.ConditionalSelect(
            yIsInt, TSimd.ConditionalSelect(yIsOdd, TSimd.Broadcast(-1f), one), TSimd.Broadcast(float.NaN));
        result = TSimd.Multiply(
            result, TSimd.ConditionalSelect(TSimd.LessThan(TSimd.Zero, x), one, negativeFactor));

        // y = ±inf: 0, 1 or inf by whether |x| is below, at or above 1 (flipped for -inf).
        TVec efx = MulSign<TSimd, TVec>(TSimd.Subtract(TSimd.Abs(x), one), y);
        TVec infY = TSimd.ConditionalSelect(
            TSimd.LessThan(efx, TSimd.Zero),
            TSimd.Zero,
            TSimd.ConditionalSelect(TSimd.EqualsMask(efx, TSimd.Zero), one, inf));
        result = TSimd.ConditionalSelect(TSimd.EqualsMask(ay, inf), infY, result);

        // x = ±0 or ±inf: 0 or inf by the signs of y and of "x is zero", signed like x when y is an odd integer.
        TVec xIsZero = TSimd.EqualsMask(x, TSimd.Zero);
        TVec yNegative = TSimd.LessThan(y, TSimd.Zero);
        TVec magnitude = TSimd.ConditionalSelect(TSimd.BitwiseXor(yNegative, xIsZero), TSimd.Zero, inf);
        TVec edgeX = MulSign<TSimd, TVec>(magnitude, TSimd.ConditionalSelect(yIsOdd, x, one));
        result = TSimd.ConditionalSelect(
            TSimd.BitwiseOr(TSimd.EqualsMask(TSimd.Abs(x), inf), xIsZero), edgeX, result);

        result = TSimd.BitwiseOr(result, TSimd.BitwiseOr(TSimd.IsNaN(x), TSimd.IsNaN(y)));
        return TSimd.ConditionalSelect(
            TSimd.BitwiseOr(TSimd.EqualsMask(y, TSimd.Zero), TSimd.EqualsMask(x, one)), one, result);
    }

    /// <summary>log d as a double-float, for d &gt; 0 (Sleef logkf).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static DoubleFloat<TVec> LogK<TSimd, TVec>(TVec d)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        // Scale denormals up by 2^64 so the exponent field is meaningful.
        TVec denormal = TSimd.LessThan(d, TSimd.Broadcast(SmallestNormal));
        d = TSimd.ConditionalSelect(denormal, TSimd.Multiply(d, TSimd.Broadcast(18446744073709551616f)), d);

        // d = m 2^e with m in [0.75, 1.5).
        TVec e = TSimd.Int32Subtract(
            TSimd.BitwiseAnd(
                TSimd.Int32ShiftRightArithmetic(TSimd.Multiply(d, TSimd.Broadcast(1f / 0.75f)), 23),
                TSimd.Int32Broadcast(0xFF)),
            TSimd.Int32Broadcast(0x7F));
        TVec m = TSimd.Int32Subtract(d, TSimd.Int32ShiftLeft(e, 23));
        TVec ef = TSimd.Subtract(TSimd.Int32ToSingle(e), TSimd.BitwiseAnd(denormal, TSimd.Broadcast(64f)));

        // log m = 2 atanh((m - 1) / (m + 1)) = 2x + x^3 (2/3 + x^2 T(x^2)).
        TVec one = TSimd.Broadcast(1f);
        DoubleFloat<TVec> x = DfDivide<TSimd, TVec>(
            DfAdd2<TSimd, TVec>(TSimd.Subtract(TSimd.Zero, one), m), DfAdd2<TSimd, TVec>(one, m));
        DoubleFloat<TVec> x2 = DfSquare<TSimd, TVec>(x);
        TVec t = TSimd.Broadcast(LogkT0);
        t = TSimd.FusedMultiplyAdd(t, x2.Hi, TSimd.Broadcast(LogkT1));
        t = TSimd.FusedMultiplyAdd(t, x2.Hi, TSimd.Broadcast(LogkT2));
        DoubleFloat<TVec> c = new(TSimd.Broadcast(LogkC2Hi), TSimd.Broadcast(LogkC2Lo));

        DoubleFloat<TVec> s = DfMul<TSimd, TVec>(
            new DoubleFloat<TVec>(TSimd.Broadcast(LogkLn2Hi), TSimd.Broadcast(LogkLn2Lo)), ef);
        s = DfAdd<TSimd, TVec>(s, DfScale<TSimd, TVec>(x, TSimd.Broadcast(2f)));
        DoubleFloat<TVec> tail = DfMul<TSimd, TVec>(
            DfMul<TSimd, TVec>(x2, x), DfAdd2<TSimd, TVec>(DfMul<TSimd, TVec>(x2, t), c));
        return DfAdd<TSimd, TVec>(s, tail);
    }

    /// <summary>e^d for a double-float d (Sleef expkf); 0 below -104, and large d overflows to inf or NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec ExpK<TSimd, TVec>(DoubleFloat<TVec> d)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        // n = round((hi + lo) / ln 2), capped at ±160 so both halves of 2^n below are normal; a capped lane's
        // true result is 0 or inf anyway (handled by the -104 select, or by the product overflowing).
        TVec magic = TSimd.Broadcast(RoundMagic);
        TVec v = TSimd.Multiply(TSimd.Add(d.Hi, d.Lo), TSimd.Broadcast(Log2E));
        v = AtMost<TSimd, TVec>(AtLeast<TSimd, TVec>(v, -160f), 160f);
        TVec tq = TSimd.Add(v, magic);
        TVec q = TSimd.Subtract(tq, magic);
        TVec n = TSimd.Int32Subtract(tq, magic);

        DoubleFloat<TVec> s = DfAdd2<TSimd, TVec>(d, TSimd.Multiply(q, TSimd.Broadcast(-Ln2Hi)));
        s = DfAdd2<TSimd, TVec>(s, TSimd.Multiply(q, TSimd.Broadcast(-Ln2Lo)));
        s = DfNormalize<TSimd, TVec>(s);

        TVec u = TSimd.Broadcast(ExpkC5);
        u = TSimd.FusedMultiplyAdd(u, s.Hi, TSimd.Broadcast(ExpkC4));
        u = TSimd.FusedMultiplyAdd(u, s.Hi, TSimd.Broadcast(ExpkC3));
        u = TSimd.FusedMultiplyAdd(u, s.Hi, TSimd.Broadcast(ExpkC2));
        u = TSimd.FusedMultiplyAdd(u, s.Hi, TSimd.Broadcast(ExpkC1));

        DoubleFloat<TVec> t = DfAdd<TSimd, TVec>(s, DfMul<TSimd, TVec>(DfSquare<TSimd, TVec>(s), u));
        t = DfAdd<TSimd, TVec>(TSimd.Broadcast(1f), t);
        TVec r = TSimd.Add(t.Hi, t.Lo);
        TVec half = TSimd.Int32ShiftRightArithmetic(n, 1);
        r = TSimd.Multiply(TSimd.Multiply(r, Pow2I<TSimd, TVec>(half)), Pow2I<TSimd, TVec>(TSimd.Int32Subtract(n, half)));
        return TSimd.BitwiseAndNot(r, TSimd.LessThan(d.Hi, TSimd.Broadcast(-104f)));
    }
}
