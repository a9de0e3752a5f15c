namespace TorchJit.Kernels;

/// <summary>Selection masks for the index-tracking reductions (argmax / argmin, see Reductions.Axis.Arg.cs).</summary>
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
}
