using System.Runtime.Intrinsics;

namespace TorchJit.Kernels;

/// <summary>
/// Comparison: scalar returns bool; vector forms return an all-ones/all-zeros lane mask (as float bits).
/// IEEE semantics: every comparison involving NaN is false, except not-equal, which is true.
/// </summary>
public interface ICompareOperator
{
    /// <summary>Compares one pair of elements.</summary>
    static abstract bool Invoke(float x, float y);

    /// <summary>Compares 4 lane pairs; a lane is all ones where the comparison holds, else zero.</summary>
    static abstract Vector128<float> Invoke(Vector128<float> x, Vector128<float> y);

    /// <summary>Compares 8 lane pairs; a lane is all ones where the comparison holds, else zero.</summary>
    static abstract Vector256<float> Invoke(Vector256<float> x, Vector256<float> y);

    /// <summary>Compares 16 lane pairs; a lane is all ones where the comparison holds, else zero.</summary>
    static abstract Vector512<float> Invoke(Vector512<float> x, Vector512<float> y);
}
