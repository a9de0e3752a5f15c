using TorchJit.Kernels;

namespace TorchJit;

/// <summary>What the ops' out variants (<c>OpDef.OutImplementation</c>) need of a tensor, without allocating.</summary>
public partial class Tensor
{
    /// <summary>
    /// Throws an <see cref="ArgumentException"/> naming <paramref name="op"/> unless this tensor is a contiguous
    /// <paramref name="dtype"/> tensor of exactly <paramref name="shape"/>: the buffer an out variant writes.
    /// </summary>
    internal void RequireOut(string op, DType dtype, ReadOnlySpan<int> shape)
    {
        if (DType != dtype || !IsContiguous || !Shape.SequenceEqual(shape))
            throw new ArgumentException($"{op}: out {Describe()}{(IsContiguous ? "" : " (non-contiguous)")} must be a contiguous {DTypes.TorchName(dtype)}[{string.Join(", ", shape.ToArray())}] tensor");
    }

    /// <summary>
    /// The float32 elements, row-major: this tensor's own span when it is contiguous, else its elements gathered
    /// into <paramref name="scratch"/> (grown when too short, then reused), so a strided input costs no allocation
    /// in steady state. The same values <see cref="contiguous"/> would copy.
    /// </summary>
    internal ReadOnlySpan<float> DenseFloat32(ref float[]? scratch)
    {
        if (IsContiguous) return Float32Span;
        if (storage is not float[] source) throw DTypeMismatch(DType.Float32);
        int n = (int)NumElements;
        if (scratch is null || scratch.Length < n) scratch = new float[n];
        var dest = scratch.AsSpan(0, n);
        Broadcasting.CopyStrided<float>(source, offset, shape, strides, dest);
        return dest;
    }

    /// <summary>
    /// The float32 elements of this tensor's storage seen through another layout (a permutation of this view's
    /// sizes and strides), gathered row-major into <paramref name="scratch"/>; as <c>permute(...).contiguous()</c>
    /// reads them, without the view object.
    /// </summary>
    internal ReadOnlySpan<float> GatherFloat32(ReadOnlySpan<int> viewShape, ReadOnlySpan<int> viewStrides, ref float[]? scratch)
    {
        if (storage is not float[] source) throw DTypeMismatch(DType.Float32);
        int n = (int)Broadcasting.NumElements(viewShape);
        if (IsDenseLayout(viewShape, viewStrides)) return n == 0 ? default : source.AsSpan(offset, n);
        if (scratch is null || scratch.Length < n) scratch = new float[n];
        var dest = scratch.AsSpan(0, n);
        Broadcasting.CopyStrided<float>(source, offset, viewShape, viewStrides, dest);
        return dest;
    }

    /// <summary>
    /// The bool elements, row-major: this tensor's own span when contiguous, else gathered into <paramref name="scratch"/>.
    /// </summary>
    internal ReadOnlySpan<bool> DenseBool(ref bool[]? scratch)
    {
        if (IsContiguous) return BoolSpan;
        if (storage is not bool[] source) throw DTypeMismatch(DType.Bool);
        int n = (int)NumElements;
        if (scratch is null || scratch.Length < n) scratch = new bool[n];
        var dest = scratch.AsSpan(0, n);
        Broadcasting.CopyStrided<bool>(source, offset, shape, strides, dest);
        return dest;
    }

    /// <summary>
    /// Copies a freshly computed <paramref name="result"/> into <paramref name="out"/> after checking it is the
    /// buffer <paramref name="op"/> must write: the out variants' path for dtypes without allocation-free kernels.
    /// </summary>
    internal static void CopyResult(string op, Tensor result, Tensor @out)
    {
        @out.RequireOut(op, result.DType, result.Shape);
        var dense = result.contiguous();
        switch (result.DType)
        {
            case DType.Float32: dense.Float32Span.CopyTo(@out.Float32Span); break;
            case DType.Int64: dense.Int64Span.CopyTo(@out.Int64Span); break;
            default: dense.BoolSpan.CopyTo(@out.BoolSpan); break;
        }
    }

    /// <summary>
    /// Copies this tensor's elements, row-major, into the contiguous <paramref name="dest"/> of the same dtype and
    /// number of elements (a strided view is walked, as <see cref="contiguous"/> copies it), allocating nothing.
    /// </summary>
    internal void CopyElementsTo(Tensor dest)
    {
        switch (storage)
        {
            case float[] f: Broadcasting.CopyStrided<float>(f, offset, shape, strides, dest.Float32Span); break;
            case long[] l: Broadcasting.CopyStrided<long>(l, offset, shape, strides, dest.Int64Span); break;
            case bool[] b: Broadcasting.CopyStrided<bool>(b, offset, shape, strides, dest.BoolSpan); break;
        }
    }

    // Row-major contiguity of a layout given as spans (ComputeIsContiguous takes the arrays of this tensor).
    private static bool IsDenseLayout(ReadOnlySpan<int> shape, ReadOnlySpan<int> strides)
    {
        long expected = 1;
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            if (shape[i] == 0) return true;
            if (shape[i] != 1 && strides[i] != expected) return false;
            expected *= shape[i];
        }

        return true;
    }
}
