using System.Runtime.Intrinsics;

namespace TorchJit.Kernels;

// Range reduction (both operators): x - q pi in four FMA steps with Sleef's PI_Af..PI_Df, exact for
// |x| < 39000; beyond that accuracy degrades with |x| (no Payne-Hanek), results stay in [-1, 1].
// Scalar Invokes run the 128-bit form on one lane.

/// <summary><c>aten::sin</c>: max error 2 ulp measured for |x| &lt; 1e4. sin(±inf) = NaN, sin(-0) = -0.</summary>
public readonly struct SinOperator : IUnaryOperator
{
    /// <inheritdoc/>
    public static float Invoke(float x) => Invoke(Vector128.CreateScalar(x)).ToScalar();

    /// <inheritdoc/>
    public static Vector128<float> Invoke(Vector128<float> x) => VectorMath.Sin<Simd128, Vector128<float>>(x);

    /// <inheritdoc/>
    public static Vector256<float> Invoke(Vector256<float> x) => VectorMath.Sin<Simd256, Vector256<float>>(x);

    /// <inheritdoc/>
    public static Vector512<float> Invoke(Vector512<float> x) => VectorMath.Sin<Simd512, Vector512<float>>(x);
}

/// <summary><c>aten::cos</c>: max error 2 ulp measured for |x| &lt; 1e4. cos(±inf) = NaN, cos(±0) = 1.</summary>
public readonly struct CosOperator : IUnaryOperator
{
    /// <inheritdoc/>
    public static float Invoke(float x) => Invoke(Vector128.CreateScalar(x)).ToScalar();

    /// <inheritdoc/>
    public static Vector128<float> Invoke(Vector128<float> x) => VectorMath.Cos<Simd128, Vector128<float>>(x);

    /// <inheritdoc/>
    public static Vector256<float> Invoke(Vector256<float> x) => VectorMath.Cos<Simd256, Vector256<float>>(x);

    /// <inheritdoc/>
    public static Vector512<float> Invoke(Vector512<float> x) => VectorMath.Cos<Simd512, Vector512<float>>(x);
}
