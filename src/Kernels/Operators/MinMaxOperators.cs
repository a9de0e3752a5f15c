using System.Runtime.Intrinsics;

namespace TorchJit.Kernels;

// .NET 9+ Max/Min (scalar MathF and Vector*) implement IEEE 754:2019 maximum/minimum: NaN if either input
// is NaN, and -0 < +0. torch.maximum/minimum propagate NaN the same way; for ±0, ATen's AVX2 kernel returns
// the second operand while .NET orders the zeros, which is the deterministic choice kept here.

/// <summary><c>aten::maximum</c>: the larger of x and y, NaN if either is NaN; maximum(-0, +0) = +0.</summary>
public readonly struct MaximumOperator : IBinaryOperator
{
    /// <inheritdoc/>
    public static float Invoke(float x, float y) => MathF.Max(x, y);

    /// <inheritdoc/>
    public static Vector128<float> Invoke(Vector128<float> x, Vector128<float> y) => Vector128.Max(x, y);

    /// <inheritdoc/>
    public static Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => Vector256.Max(x, y);

    /// <inheritdoc/>
    public static Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => Vector512.Max(x, y);
}

/// <summary><c>aten::minimum</c>: the smaller of x and y, NaN if either is NaN; minimum(-0, +0) = -0.</summary>
public readonly struct MinimumOperator : IBinaryOperator
{
    /// <inheritdoc/>
    public static float Invoke(float x, float y) => MathF.Min(x, y);

    /// <inheritdoc/>
    public static Vector128<float> Invoke(Vector128<float> x, Vector128<float> y) => Vector128.Min(x, y);

    /// <inheritdoc/>
    public static Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => Vector256.Min(x, y);

    /// <inheritdoc/>
    public static Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => Vector512.Min(x, y);
}
