using System.Runtime.Intrinsics;

namespace TorchJit.Kernels;

/// <summary>
/// <c>aten::leaky_relu</c> as a binary operator: Invoke(x, slope) = x &gt; 0 ? x : x * slope (ATen's
/// leaky_relu kernel). NaN fails the comparison and stays NaN (NaN * slope); -0 gives -0 for a positive slope.
/// </summary>
public readonly struct LeakyReluOperator : IBinaryOperator
{
    /// <inheritdoc/>
    public static float Invoke(float x, float y) => x > 0f ? x : x * y;

    /// <inheritdoc/>
    public static Vector128<float> Invoke(Vector128<float> x, Vector128<float> y) =>
        Vector128.ConditionalSelect(Vector128.GreaterThan(x, Vector128<float>.Zero), x, x * y);

    /// <inheritdoc/>
    public static Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<float>.Zero), x, x * y);

    /// <inheritdoc/>
    public static Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) =>
        Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<float>.Zero), x, x * y);
}
