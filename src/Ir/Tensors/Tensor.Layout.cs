using TorchJit.Ir;
using TorchJit.Kernels;

namespace TorchJit;

/// <summary>Copying a view into dense storage.</summary>
public partial class Tensor
{
    /// <summary>This tensor if it is contiguous, else a dense row-major copy (PyTorch's <c>contiguous()</c>).</summary>
    /// <remarks>
    /// A copy is recorded for a tracer (else it would be a fresh, unknown tensor and become a constant). Op
    /// implementations also call this on their operands; inside a trace those copies are recorded too, but
    /// nothing recorded uses them, so dead-code elimination drops them.
    /// </remarks>
    [Op("aten::contiguous")]
    public Tensor contiguous()
    {
        if (IsContiguous) return this;
        return Dispatch.Record(LayoutOps.Contiguous, DenseCopy(), this, 0L);
    }

    private Tensor DenseCopy()
    {
        var dense = Empty(DType, shape);
        switch (storage)
        {
            case float[] f: Broadcasting.CopyStrided<float>(f, offset, shape, strides, dense.Float32Span); break;
            case long[] l: Broadcasting.CopyStrided<long>(l, offset, shape, strides, dense.Int64Span); break;
            case bool[] b: Broadcasting.CopyStrided<bool>(b, offset, shape, strides, dense.BoolSpan); break;
        }

        return dense;
    }

    /// <summary>Counts in-place writes (<see cref="copy_"/>), as PyTorch's <c>_version</c>: caches derived from the data (packed weights) check it.</summary>
    public int Version { get; private set; }

    /// <summary>A dense copy (always a new storage), as PyTorch's <c>clone()</c>.</summary>
    [Op("aten::clone")]
    public Tensor clone() => Dispatch.Record(LayoutOps.Clone, CloneData(), this, IValue.None);

    internal Tensor CloneData()
    {
        if (!IsContiguous) return DenseCopy();
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

        Version++;
        return this;
    }

    private static class LayoutOps
    {
        public static readonly OpDef Contiguous = OpRegistry.Get("aten::contiguous");
        public static readonly OpDef Clone = OpRegistry.Get("aten::clone");
    }
}
