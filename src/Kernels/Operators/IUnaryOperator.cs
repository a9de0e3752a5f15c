using System.Runtime.Intrinsics;

namespace TorchJit.Kernels;

/// <summary>
/// A float -> float elementwise operation at every width. All four overloads must compute bit-identical
/// lanes, so a driver may mix widths freely (vector body, narrower or scalar tail).
/// </summary>
public interface IUnaryOperator
{
    /// <summary>Applies the operation to one element.</summary>
    static abstract float Invoke(float x);

    /// <summary>Applies the operation to 4 lanes.</summary>
    static abstract Vector128<float> Invoke(Vector128<float> x);

    /// <summary>Applies the operation to 8 lanes.</summary>
    static abstract Vector256<float> Invoke(Vector256<float> x);

    /// <summary>Applies the operation to 16 lanes.</summary>
    static abstract Vector512<float> Invoke(Vector512<float> x);
}
