namespace TorchJit.Kernels;

/// <summary>Members for the reductions: argmax/argmin masks and lane search (Reductions.Axis.Arg*.cs) and the cheap max of softmax rows.</summary>
internal partial interface ISimd<TVec>
    where TVec : struct
{
    /// <summary>
    /// All-ones lanes where <paramref name="candidate"/>, seen later, replaces the running maximum
    /// <paramref name="current"/> as PyTorch's max(dim) decides: it is greater, or it is NaN and
    /// <paramref name="current"/> is not. Ties keep <paramref name="current"/> (the first occurrence wins),
    /// and once <paramref name="current"/> is NaN nothing replaces it.
    /// </summary>
    static abstract TVec ArgMaxReplaces(TVec candidate, TVec current);

    /// <summary>As <see cref="ArgMaxReplaces"/> with "less" for "greater".</summary>
    static abstract TVec ArgMinReplaces(TVec candidate, TVec current);

    /// <summary>
    /// Lane-wise maximum in one instruction (x86 maxps), for callers whose result cannot depend on it beyond
    /// ordinary numbers: when a lane of either input is NaN the lane may be either input, and a -0/+0 tie
    /// may give either zero. Deterministic for a given machine and width.
    /// </summary>
    static abstract TVec MaxNaNAgnostic(TVec x, TVec y);

    /// <summary>The index of the first all-ones lane of a comparison mask, or -1 if there is none.</summary>
    static abstract int FirstSetLane(TVec mask);
}
