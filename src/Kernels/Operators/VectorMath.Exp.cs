using System.Runtime.CompilerServices;

namespace TorchJit.Kernels;

internal static partial class VectorMath
{
    // Sleef xexpf (sleefsimdsp.c): Cody-Waite ln 2 split L2Uf/L2Lf (misc.h) and the degree-6 polynomial for
    // e^s on |s| <= ln(2)/2; Sleef documents the function at 1.0 ulp.
    private const float Log2E = 1.44269504088896341f;
    private const float Ln2Hi = 0.693145751953125f;
    private const float Ln2Lo = 1.428606765330187045e-06f;
    private const float ExpC6 = 0.000198527617612853646278381f;
    private const float ExpC5 = 0.00139304355252534151077271f;
    private const float ExpC4 = 0.00833336077630519866943359f;
    private const float ExpC3 = 0.0416664853692054748535156f;
    private const float ExpC2 = 0.166666671633720397949219f;

    /// <summary>
    /// e^x over the whole float range, denormal results included. x is clamped to [-104, 100] first (e^-104
    /// rounds to 0 and e^100 overflows, so the clamp changes no result) which keeps n = round(x / ln 2) in
    /// [-150, 145]; 2^n is applied as two normal factors 2^(n/2) * 2^(n - n/2) (Sleef's ldexp2k), so results
    /// in the denormal range are rounded once. NaN passes through the clamp and the arithmetic.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVec Exp<TSimd, TVec>(TVec x)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        x = AtMost<TSimd, TVec>(AtLeast<TSimd, TVec>(x, -104f), 100f);
        TVec n = ExpReduce<TSimd, TVec>(x, out TVec s);
        TVec u = TSimd.Add(TSimd.Broadcast(1f), ExpM1Poly<TSimd, TVec>(s));
        TVec half = TSimd.Int32ShiftRightArithmetic(n, 1);
        u = TSimd.Multiply(u, Pow2I<TSimd, TVec>(half));
        return TSimd.Multiply(u, Pow2I<TSimd, TVec>(TSimd.Int32Subtract(n, half)));
    }

    /// <summary>
    /// e^x - 1 without cancellation near 0, for x in [-24, 24] (callers clamp): with x = n ln2 + s,
    /// e^x - 1 = 2^n (e^s - 1) + (2^n - 1), where 2^n - 1 is exact for |n| &lt;= 24 and e^s - 1 comes straight
    /// from the polynomial, never from subtracting 1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVec ExpM1Narrow<TSimd, TVec>(TVec x)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        TVec n = ExpReduce<TSimd, TVec>(x, out TVec s);
        TVec p = ExpM1Poly<TSimd, TVec>(s);
        TVec scale = Pow2I<TSimd, TVec>(n);
        return TSimd.FusedMultiplyAdd(scale, p, TSimd.Subtract(scale, TSimd.Broadcast(1f)));
    }

    /// <summary>
    /// Splits x = n ln2 + s with |s| &lt;= ln(2)/2 (up to rounding). Returns n as int32 lanes. Needs |x / ln 2| &lt; 2^22.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec ExpReduce<TSimd, TVec>(TVec x, out TVec s)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        // One FMA rounds x / ln2 to an integer (see RoundMagic); subtracting the magic again gives n as a float
        // and subtracting the magic's bits gives n as an int32, with no conversion instruction.
        TVec magic = TSimd.Broadcast(RoundMagic);
        TVec t = TSimd.FusedMultiplyAdd(x, TSimd.Broadcast(Log2E), magic);
        TVec nf = TSimd.Subtract(t, magic);
        s = TSimd.FusedMultiplyAdd(nf, TSimd.Broadcast(-Ln2Hi), x);
        s = TSimd.FusedMultiplyAdd(nf, TSimd.Broadcast(-Ln2Lo), s);
        return TSimd.Int32Subtract(t, magic);
    }

    /// <summary>e^s - 1 = s + s^2 P(s) on the reduced range (Sleef xexpf's polynomial, before its final "+ 1").</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec ExpM1Poly<TSimd, TVec>(TVec s)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        TVec u = TSimd.Broadcast(ExpC6);
        u = TSimd.FusedMultiplyAdd(u, s, TSimd.Broadcast(ExpC5));
        u = TSimd.FusedMultiplyAdd(u, s, TSimd.Broadcast(ExpC4));
        u = TSimd.FusedMultiplyAdd(u, s, TSimd.Broadcast(ExpC3));
        u = TSimd.FusedMultiplyAdd(u, s, TSimd.Broadcast(ExpC2));
        u = TSimd.FusedMultiplyAdd(u, s, TSimd.Broadcast(0.5f));
        return TSimd.FusedMultiplyAdd(TSimd.Multiply(s, s), u, s);
    }
}
