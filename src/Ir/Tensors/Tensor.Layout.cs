using TorchJit.Kernels;

namespace TorchJit;

/// <summary>Copying a view into dense storage.</summary>
public partial class Tensor
{
    /// <summary>This tensor if it is contiguous, else a dense row-major copy (PyTorch's <c>contiguous()</c>).</summary>
    public Tensor contiguous()
    {
        if (IsContiguous) return this;
        var dense = Empty(DType, shape);
        switch (storage)
        {
            case float[] f: Broadcasting.CopyStrided<float>(f, offset, shape, strides, dense.Float32Span); break;
            case long[] l: Broadcasting.CopyStrided<long>(l, offset, shape, strides, dense.Int64Span); break;
            case bool[] b: Broadcasting.CopyStrided<bool>(b, offset, shape, strides, dense.BoolSpan); break;
        }

        return dense;
    }

    /// <summary>
    /// Counts in-place writes (<see cref="copy_"/>) to this tensor's storage through any view of it, as PyTorch's
    /// <c>_version</c>: caches derived from the data (packed weights) check it. See Note [Shared version].
    /// </summary>
    public int Version => version.Value;

    /// <summary>A dense copy (always a new storage), as PyTorch's <c>clone()</c>.</summary>
    public Tensor clone()
    {
        if (!IsContiguous) return contiguous();
        var copy = Empty(DType, shape);
        switch (DType)
        {
            case DType.Float32: Float32Span.CopyTo(copy.Float32Span); break;
            case DType.Int64: Int64Span.CopyTo(copy.Int64Span); break;
            default: BoolSpan.CopyTo(copy.BoolSpan); break;
        }

        return copy;
    }

    /// <summary>
    /// Copies <paramref name="source"/>'s elements into this tensor's storage (PyTorch's <c>copy_</c>, same
    /// shape and dtype). The one mutating method: loading weights. Graph ops never mutate their inputs.
    /// </summary>
    public Tensor copy_(Tensor source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.DType != DType || !source.Shape.SequenceEqual(Shape))
            throw new ArgumentException($"copy_: cannot copy {source.Describe()} into {Describe()}");
        if (!IsContiguous) throw new NotSupportedException($"copy_ into a non-contiguous view {Describe()} is not supported");
        var src = source.contiguous();
        switch (DType)
        {
            case DType.Float32: src.Float32Span.CopyTo(Float32Span); break;
            case DType.Int64: src.Int64Span.CopyTo(Int64Span); break;
            default: src.BoolSpan.CopyTo(BoolSpan); break;
        }

        version.Bump();
        return this;
    }
}
