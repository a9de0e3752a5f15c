using System.Runtime.Intrinsics;

namespace TorchJit.Kernels;

/// <summary>
/// A (float, float) -> float elementwise operation at every width. All four overloads must compute
/// bit-identical lanes, so a driver may mix widths freely.
/// </summary>
public interface IBinaryOperator
{
    /// <summary>Applies the operation to one pair of elements.</summary>
    static abstract float Invoke(float x, float y);

    /// <summary>Applies the operation lane by lane to 4 lanes.</summary>
    static abstract Vector128<float> Invoke(Vector128<float> x, Vector128<float> y);

    /// <summary>Applies the operation lane by lane to 8 lanes.</summary>
    static abstract Vector256<float> Invoke(Vector256<float> x, Vector256<float> y);

    /// <summary>Applies the operation lane by lane to 16 lanes.</summary>
    static abstract Vector512<float> Invoke(Vector512<float> x, Vector512<float> y);
}
