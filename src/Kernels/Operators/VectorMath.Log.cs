using System.Runtime.CompilerServices;

namespace TorchJit.Kernels;

internal static partial class VectorMath
{
    // Cephes logf.c: log(1 + f) = f - f^2/2 + f^3 P(f) for f in [sqrt(1/2) - 1, sqrt(2) - 1], and
    // ln 2 split as 0.693359375 (exact in 9 bits, so e * C exactly) minus 2.12194440e-4.
    private const float LogP0 = 7.0376836292E-2f;
    private const float LogP1 = -1.1514610310E-1f;
    private const float LogP2 = 1.1676998740E-1f;
    private const float LogP3 = -1.2420140846E-1f;
    private const float LogP4 = 1.4249322787E-1f;
    private const float LogP5 = -1.6668057665E-1f;
    private const float LogP6 = 2.0000714765E-1f;
    private const float LogP7 = -2.4999993993E-1f;
    private const float LogP8 = 3.3333331174E-1f;
    private const float Ln2Low = -2.12194440e-4f;
    private const float Ln2High = 0.693359375f;

    /// <summary>
    /// Natural log, IEEE specials: log(±0) = -inf, log(x &lt; 0) = NaN, log(+inf) = +inf, log(NaN) = NaN,
    /// log(1) = +0. Denormal inputs are scaled by 2^23 first so their exponent is read correctly.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVec Log<TSimd, TVec>(TVec x)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        TVec denormal = TSimd.LessThan(x, TSimd.Broadcast(SmallestNormal));
        TVec xs = TSimd.ConditionalSelect(denormal, TSimd.Multiply(x, TSimd.Broadcast(8388608f)), x);

        // x = m 2^e with m in [sqrt(1/2), sqrt 2): e is the exponent of x sqrt 2 (a product rounded within 1 ulp
        // of the boundary only moves m a rounding past the interval, where the polynomial is still accurate),
        // and m is x with e taken out of its exponent field, exactly. Then f = m - 1 is exact (Sterbenz).
        TVec ei = TSimd.Int32Subtract(
            TSimd.Int32ShiftRightArithmetic(TSimd.Multiply(xs, TSimd.Broadcast(1.41421356237309505f)), 23),
            TSimd.Int32Broadcast(127));
        TVec f = TSimd.Subtract(TSimd.Int32Subtract(xs, TSimd.Int32ShiftLeft(ei, 23)), TSimd.Broadcast(1f));
        TVec e = TSimd.Subtract(TSimd.Int32ToSingle(ei), TSimd.BitwiseAnd(denormal, TSimd.Broadcast(23f)));

        TVec z = TSimd.Multiply(f, f);
        TVec y = TSimd.Broadcast(LogP0);
        y = TSimd.FusedMultiplyAdd(y, f, TSimd.Broadcast(LogP1));
        y = TSimd.FusedMultiplyAdd(y, f, TSimd.Broadcast(LogP2));
        y = TSimd.FusedMultiplyAdd(y, f, TSimd.Broadcast(LogP3));
        y = TSimd.FusedMultiplyAdd(y, f, TSimd.Broadcast(LogP4));
        y = TSimd.FusedMultiplyAdd(y, f, TSimd.Broadcast(LogP5));
        y = TSimd.FusedMultiplyAdd(y, f, TSimd.Broadcast(LogP6));
        y = TSimd.FusedMultiplyAdd(y, f, TSimd.Broadcast(LogP7));
        y = TSimd.FusedMultiplyAdd(y, f, TSimd.Broadcast(LogP8));
        y = TSimd.Multiply(TSimd.Multiply(y, f), z);
        y = TSimd.FusedMultiplyAdd(e, TSimd.Broadcast(Ln2Low), y);
        y = TSimd.FusedMultiplyAdd(z, TSimd.Broadcast(-0.5f), y);
        TVec r = TSimd.FusedMultiplyAdd(e, TSimd.Broadcast(Ln2High), TSimd.Add(f, y));

        // Specials, last one wins: +inf -> +inf; x < 0 or NaN -> NaN; ±0 -> -inf.
        r = TSimd.ConditionalSelect(TSimd.EqualsMask(x, TSimd.Broadcast(float.PositiveInfinity)), x, r);
        r = TSimd.ConditionalSelect(TSimd.LessThanOrEqualMask(TSimd.Zero, x), r, TSimd.Broadcast(float.NaN));
        return TSimd.ConditionalSelect(TSimd.EqualsMask(x, TSimd.Zero), TSimd.Broadcast(float.NegativeInfinity), r);
    }
}
