using System.Runtime.CompilerServices;

namespace TorchJit.Kernels;

internal static partial class VectorMath
{
    // Sleef xsinf/xcosf (sleefsimdsp.c, 3.5-ulp family): reduce by multiples of pi with the 4-part split
    // PI_Af..PI_Df (misc.h; PI_A..PI_C have trailing zero bits so q * PI_x is exact for |q| < 2^15, which is
    // why Sleef bounds this path at TRIGRANGEMAXf = 39000), then an odd degree-9 polynomial for sin on
    // [-pi/2, pi/2].
    private const float InvPi = 0.318309886183790671538f;
    private const float PiA = 3.140625f;
    private const float PiB = 0.0009670257568359375f;
    private const float PiC = 6.2771141529083251953e-07f;
    private const float PiD = 1.2154201256553420762e-10f;
    private const float SinC9 = 2.6083159809786593541503e-06f;
    private const float SinC7 = -0.0001981069071916863322258f;
    private const float SinC5 = 0.00833307858556509017944336f;
    private const float SinC3 = -0.166666597127914428710938f;

    // Above 2^24 every float is an even integer, so a quotient that large is even; capping the quotient there
    // keeps the int conversion in range without changing its parity.
    private const float ParityCap = 16777216f;

    /// <summary>
    /// sin x. Accurate for |x| &lt; 39000 (the reduction is exact there); beyond that the reduction error
    /// grows with |x| and results are only clamped to [-1, 1]. sin(±inf) = sin(NaN) = NaN, sin(-0) = -0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVec Sin<TSimd, TVec>(TVec x)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        // x = q pi + d, |d| <= pi/2; sin x = (-1)^q sin d.
        TVec q = TSimd.RoundToEven(TSimd.Multiply(x, TSimd.Broadcast(InvPi)));
        TVec d = ReduceByPi<TSimd, TVec>(x, q, 1f);
        TVec odd = TSimd.Int32ShiftLeft(QuotientBits<TSimd, TVec>(q), 31);
        TVec r = SinPoly<TSimd, TVec>(TSimd.BitwiseXor(d, odd));

        // The reduction turns -0 into +0 (-0 * -pi + -0 = +0); sin(±0) is x itself.
        return TSimd.ConditionalSelect(TSimd.EqualsMask(x, TSimd.Zero), x, r);
    }

    /// <summary>cos x, with the same range and specials as <see cref="Sin{TSimd, TVec}"/>; cos(±0) = 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVec Cos<TSimd, TVec>(TVec x)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        // x = (2k + 1) pi/2 + d, |d| <= pi/2; cos x = (-1)^(k+1) sin d.
        TVec k = TSimd.RoundToEven(TSimd.FusedMultiplyAdd(x, TSimd.Broadcast(InvPi), TSimd.Broadcast(-0.5f)));
        TVec q = TSimd.FusedMultiplyAdd(k, TSimd.Broadcast(2f), TSimd.Broadcast(1f));
        TVec d = ReduceByPi<TSimd, TVec>(x, q, 0.5f);
        TVec even = TSimd.Int32ShiftLeft(TSimd.Int32Add(QuotientBits<TSimd, TVec>(k), TSimd.Int32Broadcast(1)), 31);
        return SinPoly<TSimd, TVec>(TSimd.BitwiseXor(d, even));
    }

    /// <summary>x - q * (scale * pi) in four FMA steps.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec ReduceByPi<TSimd, TVec>(TVec x, TVec q, float scale)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        TVec d = TSimd.FusedMultiplyAdd(q, TSimd.Broadcast(-PiA * scale), x);
        d = TSimd.FusedMultiplyAdd(q, TSimd.Broadcast(-PiB * scale), d);
        d = TSimd.FusedMultiplyAdd(q, TSimd.Broadcast(-PiC * scale), d);
        return TSimd.FusedMultiplyAdd(q, TSimd.Broadcast(-PiD * scale), d);
    }

    /// <summary>An integral float quotient as int32 lanes, with the right parity (see ParityCap); NaN lanes give junk that never reaches a result.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec QuotientBits<TSimd, TVec>(TVec q)
        where TSimd : ISimd<TVec>
        where TVec : struct =>
        TSimd.SingleToInt32(AtMost<TSimd, TVec>(TSimd.Abs(q), ParityCap));

    /// <summary>sin d for |d| &lt;= pi/2, clamped to [-1, 1] (see <see cref="Sin{TSimd, TVec}"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec SinPoly<TSimd, TVec>(TVec d)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        TVec s = TSimd.Multiply(d, d);
        TVec u = TSimd.Broadcast(SinC9);
        u = TSimd.FusedMultiplyAdd(u, s, TSimd.Broadcast(SinC7));
        u = TSimd.FusedMultiplyAdd(u, s, TSimd.Broadcast(SinC5));
        u = TSimd.FusedMultiplyAdd(u, s, TSimd.Broadcast(SinC3));
        u = TSimd.FusedMultiplyAdd(s, TSimd.Multiply(u, d), d);
        return AtMost<TSimd, TVec>(AtLeast<TSimd, TVec>(u, -1f), 1f);
    }
}
