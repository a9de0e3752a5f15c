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

    /// <summary>
    /// Lane-wise max that propagates NaN from either side but, unlike <c>MaxPropagateNaN</c>, need not order
    /// -0 below +0 (either zero may come out). That is all max pooling needs (PyTorch compares with
    /// <c>&gt;</c>, so equal zeros keep whichever came first), and on x86 it is 3 instructions instead of 8.
    /// </summary>
    static abstract TVec MaxKeepNaN(TVec x, TVec y);
}
