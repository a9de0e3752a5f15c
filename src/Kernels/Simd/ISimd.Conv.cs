namespace TorchJit.Kernels;

/// <summary>Lane rearrangements the pooling kernels need.</summary>
internal partial interface ISimd<TVec>
    where TVec : struct
{
    /// <summary>
    /// Splits the 2 * Count floats lo ++ hi into their even-indexed and odd-indexed elements, in order:
    /// even = (lo0, lo2, ..., hi0, hi2, ...), odd = (lo1, lo3, ..., hi1, hi3, ...). Stride-2 windows use it.
    /// </summary>
    static abstract void UnzipEvenOdd(TVec lo, TVec hi, out TVec even, out TVec odd);
}
