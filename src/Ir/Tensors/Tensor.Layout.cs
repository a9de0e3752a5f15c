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

    /// <summary>
    /// Counts in-place writes (<see cref="copy_"/>) to this tensor's storage through any view of it, as PyTorch's
    /// <c>_version</c>: caches derived from the data (packed weights) check it. See Note [Shared version].
    /// </summary>
    public int Version => version.Value;

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
    /// shape and dtype), through this tensor's strides: every view of the storage sees the new values. The one
    /// mutating method: loading weights. Graph ops never mutate their inputs.
    /// </summary>
    public Tensor copy_(Tensor source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.DType != DType || !source.Shape.SequenceEqual(Shape))
            throw new ArgumentException($"copy_: cannot copy {source.Describe()} into {Describe()}");
        for (int d = 0; d < shape.Length; d++)
        {
            if (strides[d] == 0 && shape[d] > 1)
                throw new InvalidOperationException($"copy_: more than one element of the written-to tensor {Describe()} (strides [{string.Join(", ", strides)}]) refers to a single memory location; clone() it first");
        }

        // A source over this storage is read completely before any element is written.
        var src = ReferenceEquals(source.storage, storage) ? source.clone() : source.contiguous();
        switch (storage)
        {
            case float[] f: Scatter(src.Float32Span, f); break;
            case long[] l: Scatter(src.Int64Span, l); break;
            case bool[] b: Scatter(src.BoolSpan, b); break;
        }

        version.Bump();
        return this;
    }

    // Writes dense row-major values to this view's elements (a strided walk unless the view is dense).
    private void Scatter<T>(ReadOnlySpan<T> values, T[] dest)
    {
        if (values.IsEmpty) return;
        if (IsContiguous)
        {
            values.CopyTo(dest.AsSpan(offset, values.Length));
            return;
        }

        var index = new int[shape.Length];
        int at = offset;
        for (int k = 0; k < values.Length; k++)
        {
            dest[at] = values[k];
            for (int d = shape.Length - 1; d >= 0; d--)
            {
                at += strides[d];
                if (++index[d] < shape[d]) break;
                at -= strides[d] * shape[d];
                index[d] = 0;
            }
        }
    }

    private static class LayoutOps
    {
        public static readonly OpDef Contiguous = OpRegistry.Get("aten::contiguous");
        public static readonly OpDef Clone = OpRegistry.Get("aten::clone");
    }
}
