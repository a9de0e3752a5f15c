using System.Runtime.Intrinsics;

namespace TorchJit.Kernels;

/// <summary>
/// <c>aten::exp</c> (Sleef xexpf, see <see cref="VectorMath"/>): max error 1 ulp measured over every tested
/// input, denormal results included. exp(-inf) = 0, exp(+inf) = +inf, exp(x &gt; 88.72) = +inf,
/// exp(x &lt; -103.97) = 0, exp(NaN) = NaN.
/// </summary>
public readonly struct ExpOperator : IUnaryOperator
{
    /// <inheritdoc/>
    public static float Invoke(float x) => Invoke(Vector128.CreateScalar(x)).ToScalar();

    /// <inheritdoc/>
    public static Vector128<float> Invoke(Vector128<float> x) => VectorMath.Exp<Simd128, Vector128<float>>(x);

    /// <inheritdoc/>
    public static Vector256<float> Invoke(Vector256<float> x) => VectorMath.Exp<Simd256, Vector256<float>>(x);

    /// <inheritdoc/>
    public static Vector512<float> Invoke(Vector512<float> x) => VectorMath.Exp<Simd512, Vector512<float>>(x);
}

/// <summary>
/// <c>aten::log</c> (Cephes logf, see <see cref="VectorMath"/>): max error 1 ulp measured, denormal inputs
/// included. log(±0) = -inf, log(x &lt; 0) = NaN, log(+inf) = +inf, log(NaN) = NaN.
/// </summary>
public readonly struct LogOperator : IUnaryOperator
{
    /// <inheritdoc/>
    public static float Invoke(float x) => Invoke(Vector128.CreateScalar(x)).ToScalar();

    /// <inheritdoc/>
    public static Vector128<float> Invoke(Vector128<float> x) => VectorMath.Log<Simd128, Vector128<float>>(x);

    /// <inheritdoc/>
    public static Vector256<float> Invoke(Vector256<float> x) => VectorMath.Log<Simd256, Vector256<float>>(x);

    /// <inheritdoc/>
    public static Vector512<float> Invoke(Vector512<float> x) => VectorMath.Log<Simd512, Vector512<float>>(x);
}
