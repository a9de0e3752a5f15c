using TorchJit.Kernels;

namespace TorchJit.Runtime;

/// <summary>
/// An input signature a plan is specialized to: dtype, sizes and whether the input is dense (the guard in front
/// of every compiled call). A plan's fused loops read a dense input's memory directly; a strided view of the same
/// sizes gets a plan of its own, which reads it through the ops that take strides.
/// </summary>
internal sealed class Signature
{
    private readonly int[] sizes;

    private Signature(DType dtype, int[] sizes, bool contiguous)
    {
        DType = dtype;
        this.sizes = sizes;
        Contiguous = contiguous;
    }

    /// <summary>The input's dtype.</summary>
    public DType DType { get; }

    /// <summary>True for a dense row-major input.</summary>
    public bool Contiguous { get; }

    /// <summary>The input's sizes.</summary>
    public ReadOnlySpan<int> Sizes => sizes;

    /// <summary>The signature of <paramref name="t"/>.</summary>
    public static Signature Of(Tensor t) => new(t.DType, t.Shape.ToArray(), t.IsContiguous);

    /// <summary>True when <paramref name="t"/> has this dtype, these sizes and layout (no allocation: the cheap guard).</summary>
    public bool Matches(Tensor t) => t.DType == DType && t.Shape.SequenceEqual(sizes) && t.IsContiguous == Contiguous;

    /// <inheritdoc/>
    public override string ToString() => $"{DTypes.TorchName(DType)}[{string.Join(", ", sizes)}]" + (Contiguous ? string.Empty : " (strided)");
}
