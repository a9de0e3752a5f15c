using System.Runtime.Intrinsics;

namespace TorchJit.Kernels;

/// <summary>
/// <c>aten::erf</c> (Cephes erff/erfcf polynomials, see <see cref="VectorMath"/>): max error 2 ulp measured.
/// erf(±inf) = ±1, erf(±0) = ±0, NaN stays NaN. The scalar form runs the 128-bit form on one lane.
/// </summary>
public readonly struct ErfOperator : IUnaryOperator
{
    /// <inheritdoc/>
    public static float Invoke(float x) => Invoke(Vector128.CreateScalar(x)).ToScalar();

    /// <inheritdoc/>
    public static Vector128<float> Invoke(Vector128<float> x) => VectorMath.Erf<Simd128, Vector128<float>>(x);

    /// <inheritdoc/>
    public static Vector256<float> Invoke(Vector256<float> x) => VectorMath.Erf<Simd256, Vector256<float>>(x);

    /// <inheritdoc/>
    public static Vector512<float> Invoke(Vector512<float> x) => VectorMath.Erf<Simd512, Vector512<float>>(x);
}
