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

    /// <summary>where(condition, a, b) for integer or bool a and b: int64 unless both are bool.</summary>
    public static Tensor Where(string op, Tensor condition, Tensor a, Tensor b, int[] shape)
    {
        var dtype = a.DType == DType.Bool && b.DType == DType.Bool ? DType.Bool : DType.Int64;
        var result = Tensor.Empty(dtype, shape);
        var c = condition.contiguous().BoolSpan;
        var x = AsLong(op, a);
        var y = AsLong(op, b);
        var (ic, ia, ib) = (Indices(condition.Shape, shape), Indices(a.Shape, shape), Indices(b.Shape, shape));
        if (dtype == DType.Bool)
        {
            var bools = result.BoolSpan;
            for (int o = 0; o < bools.Length; o++) bools[o] = (c[ic[o]] ? x[ia[o]] : y[ib[o]]) != 0;
            return result;
        }

        var dest = result.Int64Span;
        for (int o = 0; o < dest.Length; o++) dest[o] = c[ic[o]] ? x[ia[o]] : y[ib[o]];
        return result;
    }

    /// <summary>Sums each of <paramref name="outer"/> rows of <paramref name="axis"/> elements of <paramref name="t"/> (read row-major) into <paramref name="dest"/>.</summary>
    public static void SumRows(string op, Tensor t, int outer, int axis, Span<long> dest)
    {
        var x = AsLong(op, t);
        for (int o = 0; o < outer; o++)
        {
            long sum = 0;
            for (int a = 0; a < axis; a++) sum += x[(o * axis) + a];
            dest[o] = sum;
        }
    }

    private static long[] AsLong(string op, Tensor t) => t.DType switch
    {
        DType.Int64 => t.contiguous().Int64Span.ToArray(),
        DType.Bool => Array.ConvertAll(t.contiguous().BoolSpan.ToArray(), v => v ? 1L : 0L),
        _ => throw new NotSupportedException($"{op}: {t.Describe()} in integer arithmetic"),
    };

    // For every output element, the row-major indices of the two broadcast inputs.
    private static (int[] A, int[] B) Indices(ReadOnlySpan<int> aShape, ReadOnlySpan<int> bShape, int[] shape) =>
        (Indices(aShape, shape), Indices(bShape, shape));

    // For every output element of `shape`, the row-major index of the input of `inputShape` it broadcasts from.
    private static int[] Indices(ReadOnlySpan<int> inputShape, int[] shape)
    {
        int rank = shape.Length;
        var strides = BroadcastStrides(inputShape, rank);
        var index = new int[rank];
        long count = Broadcasting.NumElements(shape);
        var result = new int[count];
        for (int o = 0; o < count; o++)
        {
            for (int d = 0; d < rank; d++) result[o] += index[d] * strides[d];
            for (int d = rank - 1; d >= 0 && ++index[d] == shape[d]; d--) index[d] = 0;
        }

        return result;
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
