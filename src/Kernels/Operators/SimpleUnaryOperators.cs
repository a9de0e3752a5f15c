using System.Runtime.Intrinsics;

namespace TorchJit.Kernels;

// Abs, sqrt and division are exact or correctly rounded in IEEE arithmetic, so the scalar forms are the plain
// scalar operations and still agree bit for bit with the vector forms.

/// <summary><c>aten::abs</c>: clears the sign bit, so abs(-0) = +0 and abs(NaN) is NaN.</summary>
public readonly struct AbsOperator : IUnaryOperator
{
    /// <inheritdoc/>
    public static float Invoke(float x) => MathF.Abs(x);

    /// <inheritdoc/>
    public static Vector128<float> Invoke(Vector128<float> x) => Vector128.Abs(x);

    /// <inheritdoc/>
    public static Vector256<float> Invoke(Vector256<float> x) => Vector256.Abs(x);

    /// <inheritdoc/>
    public static Vector512<float> Invoke(Vector512<float> x) => Vector512.Abs(x);
}

/// <summary><c>aten::sqrt</c>, correctly rounded: sqrt(-0) = -0, sqrt(x &lt; 0) = NaN, sqrt(+inf) = +inf.</summary>
public readonly struct SqrtOperator : IUnaryOperator
{
    /// <inheritdoc/>
    public static float Invoke(float x) => MathF.Sqrt(x);

    /// <inheritdoc/>
    public static Vector128<float> Invoke(Vector128<float> x) => Vector128.Sqrt(x);

    /// <inheritdoc/>
    public static Vector256<float> Invoke(Vector256<float> x) => Vector256.Sqrt(x);

    /// <inheritdoc/>
    public static Vector512<float> Invoke(Vector512<float> x) => Vector512.Sqrt(x);
}

/// <summary>
/// <c>aten::rsqrt</c> = 1 / sqrt(x), computed exactly that way (correctly rounded sqrt, then a correctly rounded
/// divide: at most 1 ulp, not the 12-bit rsqrtps estimate). rsqrt(+0) = +inf, rsqrt(-0) = -inf,
/// rsqrt(x &lt; 0) = NaN, rsqrt(+inf) = 0.
/// </summary>
public readonly struct RsqrtOperator : IUnaryOperator
{
    /// <inheritdoc/>
    public static float Invoke(float x) => 1f / MathF.Sqrt(x);

    /// <inheritdoc/>
    public static Vector128<float> Invoke(Vector128<float> x) => Vector128<float>.One / Vector128.Sqrt(x);

    /// <inheritdoc/>
    public static Vector256<float> Invoke(Vector256<float> x) => Vector256<float>.One / Vector256.Sqrt(x);

    /// <inheritdoc/>
    public static Vector512<float> Invoke(Vector512<float> x) => Vector512<float>.One / Vector512.Sqrt(x);
}
