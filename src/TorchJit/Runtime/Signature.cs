using TorchJit.Kernels;

namespace TorchJit.Runtime;

/// <summary>An input signature a plan is specialized to: dtype and sizes (the guard in front of every compiled call).</summary>
internal sealed class Signature
{
    private readonly int[] sizes;

    private Signature(DType dtype, int[] sizes)
    {
        DType = dtype;
        this.sizes = sizes;
    }

    /// <summary>The input's dtype.</summary>
    public DType DType { get; }

    /// <summary>The input's sizes.</summary>
    public ReadOnlySpan<int> Sizes => sizes;

    /// <summary>The signature of <paramref name="t"/>.</summary>
    public static Signature Of(Tensor t) => new(t.DType, t.Shape.ToArray());

    /// <summary>True when <paramref name="t"/> has this dtype and these sizes (no allocation: the cheap guard).</summary>
    public bool Matches(Tensor t) => t.DType == DType && t.Shape.SequenceEqual(sizes);

    /// <inheritdoc/>
    public override string ToString() => $"{DTypes.TorchName(DType)}[{string.Join(", ", sizes)}]";
}
