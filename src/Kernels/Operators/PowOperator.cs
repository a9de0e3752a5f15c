using System.Runtime.Intrinsics;

namespace TorchJit.Kernels;

/// <summary>
/// <c>aten::pow</c> (float base and exponent) with C99 pow semantics, as torch.pow has on CPU (Sleef xpowf
/// algorithm, double-float log and exp, see <see cref="VectorMath"/>): max error 1 ulp measured.
/// pow(x, ±0) = 1 and pow(1, y) = 1 even for NaN; a negative base needs an integral exponent (odd keeps the
/// sign), otherwise NaN. The scalar form runs the 128-bit form on one lane.
/// </summary>
public readonly struct PowOperator : IBinaryOperator
{
    /// <inheritdoc/>
    public static float Invoke(float x, float y) => Invoke(Vector128.CreateScalar(x), Vector128.CreateScalar(y)).ToScalar();

    /// <inheritdoc/>
    public static Vector128<float> Invoke(Vector128<float> x, Vector128<float> y) => VectorMath.Pow<Simd128, Vector128<float>>(x, y);

    /// <inheritdoc/>
    public static Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => VectorMath.Pow<Simd256, Vector256<float>>(x, y);

    /// <inheritdoc/>
    public static Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => VectorMath.Pow<Simd512, Vector512<float>>(x, y);
}
