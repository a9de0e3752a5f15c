using System.Runtime.Intrinsics;

namespace TorchJit.Kernels;

/// <summary>
/// <c>aten::relu</c> = <c>clamp_min(x, 0)</c> (aten/src/ATen/native/Activation.cpp). On x86 PyTorch's CPU
/// kernel computes <c>std::max(x, 0)</c> scalar and <c>_mm256_max_ps(0, x)</c> / <c>_mm512_max_ps(0, x)</c>
/// vectorized (<c>clamp_min</c> in ATen/cpu/vec/vec256/vec256_float.h), all of which mean
/// <c>0 &gt; x ? 0 : x</c>: NaN propagates and -0 stays -0. <c>Vector128.Max</c> would not do (since .NET 9
/// it orders -0 below +0), so the vector forms clear the lanes where x &lt; 0 instead.
/// </summary>
public readonly struct ReluOperator : IUnaryOperator
{
    /// <inheritdoc/>
    public static float Invoke(float x) => x < 0f ? 0f : x;

    /// <inheritdoc/>
    public static Vector128<float> Invoke(Vector128<float> x) =>
        Vector128.AndNot(x, Vector128.LessThan(x, Vector128<float>.Zero));

    /// <inheritdoc/>
    public static Vector256<float> Invoke(Vector256<float> x) =>
        Vector256.AndNot(x, Vector256.LessThan(x, Vector256<float>.Zero));

    /// <inheritdoc/>
    public static Vector512<float> Invoke(Vector512<float> x) =>
        Vector512.AndNot(x, Vector512.LessThan(x, Vector512<float>.Zero));
}

/// <summary>
/// <c>aten::neg</c>: flips the sign bit, so neg(0) = -0 and NaN stays NaN with its sign flipped — what the
/// scalar <c>-x</c> does. The vector forms XOR with -0 explicitly rather than trusting <c>0 - x</c>, which
/// would turn +0 into +0.
/// </summary>
public readonly struct NegateOperator : IUnaryOperator
{
    /// <inheritdoc/>
    public static float Invoke(float x) => -x;

    /// <inheritdoc/>
    public static Vector128<float> Invoke(Vector128<float> x) => x ^ Vector128.Create(-0f);

    /// <inheritdoc/>
    public static Vector256<float> Invoke(Vector256<float> x) => x ^ Vector256.Create(-0f);

    /// <inheritdoc/>
    public static Vector512<float> Invoke(Vector512<float> x) => x ^ Vector512.Create(-0f);
}
