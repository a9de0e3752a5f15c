namespace TorchJit.Kernels;

/// <summary>Arithmetic, comparisons and selection shared by every kernel family.</summary>
internal partial interface ISimd<TVec>
    where TVec : struct
{
    static abstract TVec Subtract(TVec x, TVec y);

    static abstract TVec Multiply(TVec x, TVec y);

    static abstract TVec Divide(TVec x, TVec y);

    /// <summary>Lane-wise maximum that propagates NaN, as PyTorch's max/clamp/max_pool do.</summary>
    static abstract TVec MaxPropagateNaN(TVec x, TVec y);

    /// <summary>Lane-wise minimum that propagates NaN.</summary>
    static abstract TVec MinPropagateNaN(TVec x, TVec y);

    static abstract TVec Sqrt(TVec x);

    static abstract TVec Abs(TVec x);

    /// <summary>All-ones lanes where x &lt; y.</summary>
    static abstract TVec LessThan(TVec x, TVec y);

    /// <summary>All-ones lanes where x is NaN.</summary>
    static abstract TVec IsNaN(TVec x);

    /// <summary>Lanes of <paramref name="ifTrue"/> where <paramref name="mask"/> is all-ones, else of <paramref name="ifFalse"/>.</summary>
    static abstract TVec ConditionalSelect(TVec mask, TVec ifTrue, TVec ifFalse);

    /// <summary>The largest lane (NaN if any lane is NaN), folding halves like <c>SumLanes</c>.</summary>
    static abstract float MaxLanes(TVec value);
}
