using System.Runtime.CompilerServices;

namespace TorchJit.Kernels;

internal static partial class VectorMath
{
    // Cephes ndtrf.c (single precision): erf(x) = x T(x^2) for |x| < 1;
    // erfc(x) = e^(-x^2) / x * P(1/x^2) for 1 <= x < 2 and the same with R for x >= 2.
    private const float ErfT0 = 7.853861353153693E-5f;
    private const float ErfT1 = -8.010193625184903E-4f;
    private const float ErfT2 = 5.188327685732524E-3f;
    private const float ErfT3 = -2.685381193529856E-2f;
    private const float ErfT4 = 1.128358514861418E-1f;
    private const float ErfT5 = -3.761262582423300E-1f;
    private const float ErfT6 = 1.128379165726710E+0f;

    private const float ErfcP0 = 2.326819970068386E-2f;
    private const float ErfcP1 = -1.387039388740657E-1f;
    private const float ErfcP2 = 3.687424674597105E-1f;
    private const float ErfcP3 = -5.824733027278666E-1f;
    private const float ErfcP4 = 6.210004621745983E-1f;
    private const float ErfcP5 = -4.944515323274145E-1f;
    private const float ErfcP6 = 3.404879937665872E-1f;
    private const float ErfcP7 = -2.741127028184656E-1f;
    private const float ErfcP8 = 5.638259427386472E-1f;
    private const float ErfcR0 = -1.047766399936249E+1f;
    private const float ErfcR1 = 1.297719955372516E+1f;
    private const float ErfcR2 = -7.495518717768503E+0f;
    private const float ErfcR3 = 2.921019019210786E+0f;
    private const float ErfcR4 = -1.015265279202700E+0f;
    private const float ErfcR5 = 4.218463358204948E-1f;
    private const float ErfcR6 = -2.820767439740514E-1f;
    private const float ErfcR7 = 5.641895067754075E-1f;

    /// <summary>erf x: the odd polynomial below |x| = 1, 1 - erfc |x| (with x's sign) above. erf(±inf) = ±1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVec Erf<TSimd, TVec>(TVec x)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        TVec a = TSimd.Abs(x);
        TVec ac = AtMost<TSimd, TVec>(a, 20f);
        TVec hi = TSimd.Multiply(ac, ac);
        TVec lo = MultiplySubtract<TSimd, TVec>(ac, ac, hi);
        TVec e = ExpNegative<TSimd, TVec>(hi, lo);
        TVec large = TSimd.FusedMultiplyAdd(
            ErfcScaledAtLeastOne<TSimd, TVec>(a), TSimd.Subtract(TSimd.Zero, e), TSimd.Broadcast(1f));
        return TSimd.ConditionalSelect(
            TSimd.LessThan(a, TSimd.Broadcast(1f)), ErfBelowOne<TSimd, TVec>(x), CopySign<TSimd, TVec>(large, x));
    }

    /// <summary>
    /// gelu x = x Phi(x) with Phi(x) = (1 + erf(x / sqrt 2)) / 2, z = x / sqrt 2. For |z| &lt; 1 the erf
    /// polynomial; above, Phi = 1 - erfc(z) / 2; in the left tail x erfc(|z|) / 2 directly, so the result keeps
    /// its relative accuracy where 1 + erf would cancel. e^(-z^2) is taken as e^(-x^2 / 2) from the exact
    /// x^2 = hi + lo, since rounding z first would cost |z|^2 2^-24 relative error. The tail multiplies
    /// e^(-x^2/2) in last so no intermediate becomes denormal before the result does.
    /// gelu(-inf) = -inf * 0 = NaN, as ATen's formula gives; gelu(+inf) = +inf.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVec Gelu<TSimd, TVec>(TVec x)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        TVec half = TSimd.Broadcast(0.5f);
        TVec z = TSimd.Multiply(x, TSimd.Broadcast(0.707106781186547524f));
        TVec a = TSimd.Abs(z);
        TVec center = TSimd.Multiply(x, TSimd.FusedMultiplyAdd(half, ErfBelowOne<TSimd, TVec>(z), half));

        TVec ax = AtMost<TSimd, TVec>(TSimd.Abs(x), 30f);
        TVec sq = TSimd.Multiply(ax, ax);
        TVec hi = TSimd.Multiply(sq, half);
        TVec lo = TSimd.Multiply(MultiplySubtract<TSimd, TVec>(ax, ax, sq), half);
        TVec e = ExpNegative<TSimd, TVec>(hi, lo);
        TVec halfErfc = TSimd.Multiply(half, ErfcScaledAtLeastOne<TSimd, TVec>(a));

        // Left tail: (x erfc(|z|) e^(a^2) / 2) e^(-a^2); right tail: x (1 - erfc(z) / 2), which keeps
        // gelu(+inf) = inf * 1 rather than inf - inf.
        TVec left = TSimd.Multiply(TSimd.Multiply(x, halfErfc), e);
        TVec right = TSimd.Multiply(x, TSimd.FusedMultiplyAdd(halfErfc, TSimd.Subtract(TSimd.Zero, e), TSimd.Broadcast(1f)));
        TVec tails = TSimd.ConditionalSelect(TSimd.LessThan(z, TSimd.Zero), left, right);
        TVec result = TSimd.ConditionalSelect(TSimd.LessThan(a, TSimd.Broadcast(1f)), center, tails);

        // A NaN input reaches the result through x * NaN', where NaN' lost x's sign in Abs; which of the two
        // NaNs a multiply returns depends on operand order, which the JIT may swap. Return x itself, so
        // gelu(NaN) is the same NaN on every path (scalar, each vector width, fused or not).
        return TSimd.ConditionalSelect(TSimd.IsNaN(x), x, result);
    }

    /// <summary>e^(-(hi + lo)) ~ e^(-hi) (1 - lo) for an exact split square hi + lo, |lo| &lt;= ulp(hi) / 2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec ExpNegative<TSimd, TVec>(TVec hi, TVec lo)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        TVec e = Exp<TSimd, TVec>(TSimd.Subtract(TSimd.Zero, hi));
        return TSimd.FusedMultiplyAdd(e, TSimd.Subtract(TSimd.Zero, lo), e);
    }

    /// <summary>x T(x^2); meant for |x| &lt; 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec ErfBelowOne<TSimd, TVec>(TVec x)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        TVec z = TSimd.Multiply(x, x);
        TVec p = TSimd.Broadcast(ErfT0);
        p = TSimd.FusedMultiplyAdd(p, z, TSimd.Broadcast(ErfT1));
        p = TSimd.FusedMultiplyAdd(p, z, TSimd.Broadcast(ErfT2));
        p = TSimd.FusedMultiplyAdd(p, z, TSimd.Broadcast(ErfT3));
        p = TSimd.FusedMultiplyAdd(p, z, TSimd.Broadcast(ErfT4));
        p = TSimd.FusedMultiplyAdd(p, z, TSimd.Broadcast(ErfT5));
        p = TSimd.FusedMultiplyAdd(p, z, TSimd.Broadcast(ErfT6));

        return TSimd.Multiply(x, p);
    }

    /// <summary>
    /// erfc(a) e^(a^2) = P(1/a^2) / a for a &gt;= 1 (smaller lanes are treated as 1, +inf gives 0, NaN stays
    /// NaN); callers multiply by e^(-a^2) themselves, in the order that suits their accuracy.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec ErfcScaledAtLeastOne<TSimd, TVec>(TVec a)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        a = AtLeast<TSimd, TVec>(a, 1f);
        TVec q = TSimd.Divide(TSimd.Broadcast(1f), a);
        TVec y = TSimd.Multiply(q, q);

        TVec p = TSimd.Broadcast(ErfcP0);
        p = TSimd.FusedMultiplyAdd(p, y, TSimd.Broadcast(ErfcP1));
        p = TSimd.FusedMultiplyAdd(p, y, TSimd.Broadcast(ErfcP2));
        p = TSimd.FusedMultiplyAdd(p, y, TSimd.Broadcast(ErfcP3));
        p = TSimd.FusedMultiplyAdd(p, y, TSimd.Broadcast(ErfcP4));
        p = TSimd.FusedMultiplyAdd(p, y, TSimd.Broadcast(ErfcP5));
        p = TSimd.FusedMultiplyAdd(p, y, TSimd.Broadcast(ErfcP6));
        p = TSimd.FusedMultiplyAdd(p, y, TSimd.Broadcast(ErfcP7));
        p = TSimd.FusedMultiplyAdd(p, y, TSimd.Broadcast(ErfcP8));

        TVec r = TSimd.Broadcast(ErfcR0);
        r = TSimd.FusedMultiplyAdd(r, y, TSimd.Broadcast(ErfcR1));
        r = TSimd.FusedMultiplyAdd(r, y, TSimd.Broadcast(ErfcR2));
        r = TSimd.FusedMultiplyAdd(r, y, TSimd.Broadcast(ErfcR3));
        r = TSimd.FusedMultiplyAdd(r, y, TSimd.Broadcast(ErfcR4));
        r = TSimd.FusedMultiplyAdd(r, y, TSimd.Broadcast(ErfcR5));
        r = TSimd.FusedMultiplyAdd(r, y, TSimd.Broadcast(ErfcR6));
        r = TSimd.FusedMultiplyAdd(r, y, TSimd.Broadcast(ErfcR7));

        return TSimd.Multiply(q, TSimd.ConditionalSelect(TSimd.LessThan(a, TSimd.Broadcast(2f)), p, r));
    }
}
