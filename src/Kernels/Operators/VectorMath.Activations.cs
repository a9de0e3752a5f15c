using System.Runtime.CompilerServices;

namespace TorchJit.Kernels;

internal static partial class VectorMath
{
    /// <summary>
    /// tanh x = -expm1(-2|x|) / (expm1(-2|x|) + 2) with x's sign. expm1 keeps small |x| accurate without a
    /// separate polynomial branch; -2|x| is capped at -20, past which the quotient is exactly 1 in float.
    /// tanh(±inf) = ±1, tanh(±0) = ±0, NaN stays NaN.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVec Tanh<TSimd, TVec>(TVec x)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        TVec m = TSimd.Multiply(TSimd.Abs(x), TSimd.Broadcast(-2f));
        TVec z = ExpM1Narrow<TSimd, TVec>(AtLeast<TSimd, TVec>(m, -20f));
        TVec t = TSimd.Divide(TSimd.Subtract(TSimd.Zero, z), TSimd.Add(z, TSimd.Broadcast(2f)));
        return CopySign<TSimd, TVec>(t, x);
    }

    /// <summary>
    /// sigmoid x = 1 / (1 + e^-x) for x &gt;= 0 and e^x / (1 + e^x) below, both from e = e^-|x| &lt;= 1, so
    /// nothing overflows and large negative x gives the true (denormal, then 0) result rather than 1/inf.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVec Sigmoid<TSimd, TVec>(TVec x)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        TVec one = TSimd.Broadcast(1f);
        TVec e = Exp<TSimd, TVec>(TSimd.BitwiseOr(x, TSimd.Broadcast(-0f)));
        TVec numerator = TSimd.ConditionalSelect(TSimd.LessThan(x, TSimd.Zero), e, one);
        return TSimd.Divide(numerator, TSimd.Add(one, e));
    }
}
