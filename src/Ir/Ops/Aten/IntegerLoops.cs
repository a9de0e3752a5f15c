using TorchJit.Kernels;

namespace TorchJit.Ir;

/// <summary>
/// int64 arithmetic and comparisons with broadcasting, as plain loops: integer tensors are indices,
/// shapes and masks here, small next to the float32 data the SIMD kernels serve.
/// </summary>
internal static class IntegerLoops
{
    public static Tensor Unary(string op, Tensor a, Func<long, long> f)
    {
        var x = AsLong(op, a);
        var result = Tensor.Empty(DType.Int64, a.Shape);
        var dest = result.Int64Span;
        for (int i = 0; i < dest.Length; i++) dest[i] = f(x[i]);
        return result;
    }

    public static Tensor Binary(string op, Tensor a, Tensor b, Func<long, long, long> f)
    {
        var shape = Operands.BroadcastShape(op, a, b);
        var result = Tensor.Empty(DType.Int64, shape);
        var x = AsLong(op, a);
        var y = AsLong(op, b);
        var dest = result.Int64Span;
        var (ia, ib) = Indices(a.Shape, b.Shape, shape);
        for (int o = 0; o < dest.Length; o++) dest[o] = f(x[ia[o]], y[ib[o]]);
        return result;
    }

    public static Tensor Compare(string op, Tensor a, Tensor b, Func<long, long, bool> f)
    {
        var shape = Operands.BroadcastShape(op, a, b);
        var result = Tensor.Empty(DType.Bool, shape);
        var x = AsLong(op, a);
        var y = AsLong(op, b);
        var dest = result.BoolSpan;
        var (ia, ib) = Indices(a.Shape, b.Shape, shape);
        for (int o = 0; o < dest.Length; o++) dest[o] = f(x[ia[o]], y[ib[o]]);
        return result;
    }

    private static long[] AsLong(string op, Tensor t) => t.DType switch
    {
        DType.Int64 => t.contiguous().Int64Span.ToArray(),
        DType.Bool => Array.ConvertAll(t.contiguous().BoolSpan.ToArray(), v => v ? 1L : 0L),
        _ => throw new NotSupportedException($"{op}: {t.Describe()} in integer arithmetic"),
    };

    // For every output element, the row-major indices of the two broadcast inputs.
    private static (int[] A, int[] B) Indices(ReadOnlySpan<int> aShape, ReadOnlySpan<int> bShape, int[] shape)
    {
        int rank = shape.Length;
        var aStrides = BroadcastStrides(aShape, rank);
        var bStrides = BroadcastStrides(bShape, rank);
        var index = new int[rank];
        long count = Broadcasting.NumElements(shape);
        var ia = new int[count];
        var ib = new int[count];
        for (int o = 0; o < count; o++)
        {
            for (int d = 0; d < rank; d++)
            {
                ia[o] += index[d] * aStrides[d];
                ib[o] += index[d] * bStrides[d];
            }

            for (int d = rank - 1; d >= 0 && ++index[d] == shape[d]; d--) index[d] = 0;
        }

        return (ia, ib);
    }

    private static int[] BroadcastStrides(ReadOnlySpan<int> shape, int rank)
    {
        var strides = new int[rank];
        int stride = 1;
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            strides[rank - shape.Length + d] = shape[d] == 1 ? 0 : stride;
            stride *= shape[d];
        }

        return strides;
    }
}
