using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using TorchJit.Kernels;

namespace TorchJit.Tests.Conformance;

/// <summary>Reads a tensor's logical elements as doubles, following its strides itself for float32 (so reading a view does not go through <c>contiguous()</c>).</summary>
internal static class Read
{
    public static double[] Values(Tensor t)
    {
        if (t.DType != DType.Float32)
        {
            return t.DType == DType.Int64
                ? Array.ConvertAll(t.data<long>(), v => (double)v)
                : Array.ConvertAll(t.data<bool>(), v => v ? 1.0 : 0.0);
        }

        var shape = t.Shape.ToArray();
        var result = new double[RefTensor.Count(shape)];
        if (result.Length == 0) return result;
        if (shape.Length == 0) return [t.item<float>()]; // a rank-0 TensorSpan counts no elements
        // The element at the view's storage offset; every other one is a stride walk away from it. TensorSpan
        // refuses some interleaved layouts (strides [4, 3] for [3, 2]): those are read through contiguous().
        TensorSpan<float> span;
        try
        {
            span = t.AsTensorSpan();
        }
        catch (InvalidOperationException)
        {
            return Array.ConvertAll(t.contiguous().Float32Span.ToArray(), v => (double)v);
        }

        ref float origin = ref span.GetPinnableReference();
        var strides = t.Stride.ToArray();
        var index = new int[shape.Length];
        int offset = 0;
        for (int k = 0; k < result.Length; k++)
        {
            result[k] = Unsafe.Add(ref origin, offset);
            for (int d = shape.Length - 1; d >= 0; d--)
            {
                offset += strides[d];
                if (++index[d] < shape[d]) break;
                offset -= strides[d] * shape[d];
                index[d] = 0;
            }
        }

        return result;
    }

    public static RefTensor Ref(Tensor t) => new(t.Shape.ToArray(), Values(t));
}
