using System.Numerics.Tensors;
using TorchJit.Ir;
using TorchJit.Kernels;

namespace TorchJit;

/// <summary>
/// Interop with System.Numerics.Tensors (<see cref="Tensor{T}"/>, <see cref="TensorSpan{T}"/>) and spans.
/// Out: no copy (the result views this tensor's storage, strides included). In: one copy, because
/// <see cref="Tensor{T}"/> does not expose its backing array.
/// </summary>
public partial class Tensor
{
    /// <summary>A <see cref="TensorSpan{T}"/> over this float32 tensor's elements, with its strides (no copy).</summary>
    public TensorSpan<float> AsTensorSpan()
    {
        if (storage is not float[] f) throw DTypeMismatch(DType.Float32);
        try
        {
            return new TensorSpan<float>(f.AsSpan(offset), Lengths(shape), SpanStrides());
        }
        catch (ArgumentException e)
        {
            // TensorSpan refuses some valid strided layouts whose rows interleave (x[:, ::3] of a [3, 4] x: strides [4, 3]).
            throw new InvalidOperationException($"AsTensorSpan: System.Numerics.Tensors cannot describe the layout of {Describe()} (strides [{string.Join(", ", strides)}]); call contiguous() first", e);
        }
    }

    /// <summary>A <see cref="System.Numerics.Tensors.Tensor{T}"/> sharing this float32 tensor's storage and strides (no copy).</summary>
    public Tensor<float> ToSystemTensor()
    {
        if (storage is not float[] f) throw DTypeMismatch(DType.Float32);
        if (offset != 0)
        {
            // Tensor<T> starts at index 0 of its array: a view with an offset is copied.
            return System.Numerics.Tensors.Tensor.Create(contiguous().Float32Span.ToArray(), Lengths(shape));
        }

        return System.Numerics.Tensors.Tensor.Create(f, Lengths(shape), SpanStrides());
    }

    /// <summary>A float32 tensor with a copy of <paramref name="source"/>'s elements and shape.</summary>
    public static Tensor FromSystemTensor(ReadOnlyTensorSpan<float> source)
    {
        var shape = new int[source.Rank];
        for (int i = 0; i < shape.Length; i++) shape[i] = checked((int)source.Lengths[i]);
        var result = Empty(DType.Float32, shape);
        source.FlattenTo(result.Float32Span);
        return result;
    }

    /// <summary>A float32 tensor with a copy of <paramref name="data"/> in the given shape.</summary>
    public static Tensor FromSpan(ReadOnlySpan<float> data, params int[] shape)
    {
        var result = Empty(DType.Float32, shape);
        if (data.Length != result.NumElements)
            throw new ArgumentException($"shape [{string.Join(", ", shape)}] needs {result.NumElements} elements but the span has {data.Length}");
        data.CopyTo(result.Float32Span);
        return result;
    }

    /// <summary>Copies the elements (row-major) into <paramref name="destination"/>, which must be large enough. Data-dependent: a trace warns here.</summary>
    public void CopyTo(Span<float> destination)
    {
        Dispatch.ReportRead(this, "CopyTo(Span<float>)");
        var t = contiguous();
        if (t.DType != DType.Float32) throw DTypeMismatch(DType.Float32);
        if (destination.Length < t.NumElements) throw new ArgumentException($"destination has {destination.Length} elements; {Describe()} needs {t.NumElements}");
        t.Float32Span.CopyTo(destination);
    }

    private static nint[] Lengths(int[] values) => Array.ConvertAll(values, v => (nint)v);

    // System.Numerics.Tensors bounds-checks a size-1 dim as if its stride were stepped once (so a [1, 7]
    // tensor with strides [7, 1] is refused), and refuses any stride over an empty span. A size-0 or size-1
    // dim never moves the index, so its stride is 0 here; an empty tensor has no element to reach at all.
    private nint[] SpanStrides()
    {
        bool empty = NumElements == 0;
        var result = new nint[strides.Length];
        for (int d = 0; d < strides.Length; d++) result[d] = empty || shape[d] == 1 ? 0 : strides[d];
        return result;
    }
}
