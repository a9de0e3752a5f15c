using System.Runtime.Intrinsics;

namespace TorchJit.Kernels;

// Scalar Invokes run the 128-bit form on one lane so tails match the vector body bit for bit
// (see VectorMath). Error bounds are measured against double-precision references by AccuracyTests.

/// <summary>
/// <c>aten::tanh</c> via an accurate expm1 (see <see cref="VectorMath"/>): max error 2 ulp measured.
/// tanh(±inf) = ±1, tanh(±0) = ±0, NaN stays NaN.
/// </summary>
public readonly struct TanhOperator : IUnaryOperator
{
    /// <inheritdoc/>
    public static float Invoke(float x) => Invoke(Vector128.CreateScalar(x)).ToScalar();

    /// <inheritdoc/>
    public static Vector128<float> Invoke(Vector128<float> x) => VectorMath.Tanh<Simd128, Vector128<float>>(x);

    /// <inheritdoc/>
    public static Vector256<float> Invoke(Vector256<float> x) => VectorMath.Tanh<Simd256, Vector256<float>>(x);

    /// <inheritdoc/>
    public static Vector512<float> Invoke(Vector512<float> x) => VectorMath.Tanh<Simd512, Vector512<float>>(x);
}

/// <summary>
/// <c>aten::sigmoid</c> = 1 / (1 + e^-x), evaluated from e^-|x| so it never overflows: max error 2 ulp
/// measured, including the denormal results for x &lt; -87 (where ATen's formula returns 0).
/// sigmoid(+inf) = 1, sigmoid(-inf) = 0, NaN stays NaN.
/// </summary>
public readonly struct SigmoidOperator : IUnaryOperator
{
    /// <inheritdoc/>
    public static float Invoke(float x) => Invoke(Vector128.CreateScalar(x)).ToScalar();

    /// <inheritdoc/>
    public static Vector128<float> Invoke(Vector128<float> x) => VectorMath.Sigmoid<Simd128, Vector128<float>>(x);

    /// <inheritdoc/>
    public static Vector256<float> Invoke(Vector256<float> x) => VectorMath.Sigmoid<Simd256, Vector256<float>>(x);

    /// <inheritdoc/>
    public static Vector512<float> Invoke(Vector512<float> x) => VectorMath.Sigmoid<Simd512, Vector512<float>>(x);
}

/// <summary>
/// <c>aten::silu</c> = x * sigmoid(x): max error 3 ulp measured for |result| &gt;= 2^-119; below that (x &lt; -87,
/// where the sigmoid factor is itself denormal) the absolute error stays under 2^-138. silu(-inf) = NaN
/// (-inf * 0), as ATen's x / (1 + e^-x) also gives; silu(+inf) = +inf.
/// </summary>
public readonly struct SiluOperator : IUnaryOperator
{
    /// <inheritdoc/>
    public static float Invoke(float x) => Invoke(Vector128.CreateScalar(x)).ToScalar();

    /// <inheritdoc/>
    public static Vector128<float> Invoke(Vector128<float> x) => x * VectorMath.Sigmoid<Simd128, Vector128<float>>(x);

    /// <inheritdoc/>
    public static Vector256<float> Invoke(Vector256<float> x) => x * VectorMath.Sigmoid<Simd256, Vector256<float>>(x);

    /// <inheritdoc/>
    public static Vector512<float> Invoke(Vector512<float> x) => x * VectorMath.Sigmoid<Simd512, Vector512<float>>(x);
}

/// <summary>
/// <c>aten::gelu</c> with approximate='none': 0.5 x (1 + erf(x / sqrt 2)) = x Phi(x), with Phi's left tail
/// taken from erfc so large negative x keeps its relative accuracy (1 + erf would cancel to 0 there): max
/// error 13 ulp measured (tested bound 16), near x = -1.4 where 1 + erf still partly cancels; a few ulp
/// elsewhere. gelu(+inf) = +inf; gelu(-inf) = NaN (-inf * 0), as in ATen; NaN stays NaN.
/// </summary>
public readonly struct GeluOperator : IUnaryOperator
{
    /// <inheritdoc/>
    public static float Invoke(float x) => Invoke(Vector128.CreateScalar(x)).ToScalar();

    /// <inheritdoc/>
    public static Vector128<float> Invoke(Vector128<float> x) => VectorMath.Gelu<Simd128, Vector128<float>>(x);

    /// <inheritdoc/>
    public static Vector256<float> Invoke(Vector256<float> x) => VectorMath.Gelu<Simd256, Vector256<float>>(x);

    /// <inheritdoc/>
    public static Vector512<float> Invoke(Vector512<float> x) => VectorMath.Gelu<Simd512, Vector512<float>>(x);
}

/// <summary>
/// <c>aten::gelu</c> with approximate='tanh': 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))), evaluated as
/// the identical x sigmoid(2 sqrt(2/pi) x (1 + 0.044715 x^2)), which avoids the cancellation of 1 + tanh for
/// negative x: max error 6 ulp for x &gt;= -2. Further left the float rounding of the argument v (|v| up to
/// ~100) is magnified by e^v: relative error up to 2e-5 (ATen's 1 + tanh form loses everything there).
/// Same specials as <see cref="GeluOperator"/>.
/// </summary>
public readonly struct GeluTanhOperator : IUnaryOperator
{
    // 2 sqrt(2/pi) (PyTorch's kBeta = M_SQRT2 * M_2_SQRTPI * 0.5, doubled) and 0.044715 (Hendrycks & Gimpel,
    // "Gaussian Error Linear Units", 2016), folded: arg = x (K1 + K3 x^2).
    private const float K1 = (float)(2.0 * 0.79788456080286535588);
    private const float K3 = (float)(2.0 * 0.79788456080286535588 * 0.044715);

    /// <inheritdoc/>
    public static float Invoke(float x) => Invoke(Vector128.CreateScalar(x)).ToScalar();

    /// <inheritdoc/>
    public static Vector128<float> Invoke(Vector128<float> x) =>
        x * VectorMath.Sigmoid<Simd128, Vector128<float>>(x * Vector128.FusedMultiplyAdd(x * x, Vector128.Create(K3), Vector128.Create(K1)));

    /// <inheritdoc/>
    public static Vector256<float> Invoke(Vector256<float> x) =>
        x * VectorMath.Sigmoid<Simd256, Vector256<float>>(x * Vector256.FusedMultiplyAdd(x * x, Vector256.Create(K3), Vector256.Create(K1)));

    /// <inheritdoc/>
    public static Vector512<float> Invoke(Vector512<float> x) =>
        x * VectorMath.Sigmoid<Simd512, Vector512<float>>(x * Vector512.FusedMultiplyAdd(x * x, Vector512.Create(K3), Vector512.Create(K1)));
}
