using TorchJit.Kernels;

namespace TorchJit.Ir;

/// <summary>
/// Reductions over dimensions. One dimension is reduced in place as [outer, axis, inner]; several are
/// moved to the end first and reduced as one merged axis.
/// </summary>
public static partial class AtenOps
{
    /// <summary>Sum over <paramref name="dim"/> (all dims when null or empty).</summary>
    [Schema("aten::sum.dim_IntList(Tensor self, int[1]? dim, bool keepdim=False, *, ScalarType? dtype=None) -> Tensor")]
    public static Tensor sum(Tensor self, long[]? dim, bool keepdim, long? dtype) => self.DType == DType.Float32
        ? Reduce("aten::sum", self, dim, keepdim, dtype, (x, o, a, i, d) => AxisReductions.Sum(x, o, a, i, d))
        : IntegerSum(self, dim, keepdim, dtype);

    internal static void sum_out(Tensor self, long[]? dim, bool keepdim, long? dtype, Tensor @out)
    {
        if (self.DType == DType.Float32) ReduceInto("aten::sum", self, dim, keepdim, dtype, (x, o, a, i, d) => AxisReductions.Sum(x, o, a, i, d), @out);
        else Tensor.CopyResult("aten::sum", sum(self, dim, keepdim, dtype), @out); // int64 sums: IntegerLoops, allocating
    }

    /// <summary>Mean of all elements.</summary>
    [Schema("aten::mean(Tensor self, *, ScalarType? dtype=None) -> Tensor")]
    public static Tensor mean(Tensor self, long? dtype) => mean(self, null, false, dtype);

    internal static void mean_out(Tensor self, long? dtype, Tensor @out) => mean_out(self, null, false, dtype, @out);

    /// <summary>Mean over <paramref name="dim"/> (all dims when null or empty); an empty axis gives NaN.</summary>
    [Schema("aten::mean.dim(Tensor self, int[1]? dim, bool keepdim=False, *, ScalarType? dtype=None) -> Tensor")]
    public static Tensor mean(Tensor self, long[]? dim, bool keepdim, long? dtype) =>
        Reduce("aten::mean", self, dim, keepdim, dtype, (x, o, a, i, d) => AxisReductions.Mean(x, o, a, i, d));

    internal static void mean_out(Tensor self, long[]? dim, bool keepdim, long? dtype, Tensor @out) =>
        ReduceInto("aten::mean", self, dim, keepdim, dtype, (x, o, a, i, d) => AxisReductions.Mean(x, o, a, i, d), @out);

    /// <summary>Variance with Bessel's correction (default 1).</summary>
    [Schema("aten::var.correction(Tensor self, int[1]? dim=None, *, Scalar? correction=None, bool keepdim=False) -> Tensor")]
    public static Tensor var(Tensor self, long[]? dim, Scalar? correction, bool keepdim) =>
        Reduce("aten::var", self, dim, keepdim, null, (x, o, a, i, d) => AxisReductions.Var(x, o, a, i, correction?.ToDouble() ?? 1, d));

    /// <summary>Standard deviation with Bessel's correction (default 1).</summary>
    [Schema("aten::std.correction(Tensor self, int[1]? dim=None, *, Scalar? correction=None, bool keepdim=False) -> Tensor")]
    public static Tensor std(Tensor self, long[]? dim, Scalar? correction, bool keepdim) =>
        Reduce("aten::std", self, dim, keepdim, null, (x, o, a, i, d) => AxisReductions.Std(x, o, a, i, correction?.ToDouble() ?? 1, d));

    /// <summary>Maximum over <paramref name="dim"/> (all dims when empty), values only.</summary>
    [Schema("aten::amax(Tensor self, int[1] dim=[], bool keepdim=False) -> Tensor")]
    public static Tensor amax(Tensor self, long[] dim, bool keepdim) =>
        Reduce("aten::amax", self, dim, keepdim, null, (x, o, a, i, d) => AxisReductions.Max(x, o, a, i, d, default), allowEmptyAxis: false);

    internal static void amax_out(Tensor self, long[] dim, bool keepdim, Tensor @out) => MaxInto("aten::amax", self, dim, keepdim, @out);

    private static void MaxInto(string op, Tensor self, long[] dim, bool keepdim, Tensor @out) =>
        ReduceInto(op, self, dim, keepdim, null, (x, o, a, i, d) => AxisReductions.Max(x, o, a, i, d, default), @out, allowEmptyAxis: false);

    /// <summary>Minimum over <paramref name="dim"/> (all dims when empty), values only.</summary>
    [Schema("aten::amin(Tensor self, int[1] dim=[], bool keepdim=False) -> Tensor")]
    public static Tensor amin(Tensor self, long[] dim, bool keepdim) =>
        Reduce("aten::amin", self, dim, keepdim, null, (x, o, a, i, d) => AxisReductions.Min(x, o, a, i, d, default), allowEmptyAxis: false);

    internal static void amin_out(Tensor self, long[] dim, bool keepdim, Tensor @out) => MinInto("aten::amin", self, dim, keepdim, @out);

    private static void MinInto(string op, Tensor self, long[] dim, bool keepdim, Tensor @out) =>
        ReduceInto(op, self, dim, keepdim, null, (x, o, a, i, d) => AxisReductions.Min(x, o, a, i, d, default), @out, allowEmptyAxis: false);

    /// <summary>The largest element (NaN if any is NaN).</summary>
    [Schema("aten::max(Tensor self) -> Tensor")]
    public static Tensor max(Tensor self) => amax(NonEmpty("aten::max", self), [], false);

    internal static void max_out(Tensor self, Tensor @out) => MaxInto("aten::max", NonEmpty("aten::max", self), [], false, @out);

    /// <summary>The smallest element (NaN if any is NaN).</summary>
    [Schema("aten::min(Tensor self) -> Tensor")]
    public static Tensor min(Tensor self) => amin(NonEmpty("aten::min", self), [], false);

    internal static void min_out(Tensor self, Tensor @out) => MinInto("aten::min", NonEmpty("aten::min", self), [], false, @out);

    /// <summary>Maximum over <paramref name="dim"/> with the index of its first occurrence.</summary>
    [Schema("aten::max.dim(Tensor self, int dim, bool keepdim=False) -> (Tensor values, Tensor indices)")]
    public static (Tensor, Tensor) max(Tensor self, long dim, bool keepdim) => ArgReduce("aten::max", self, dim, keepdim, isMax: true);

    /// <summary>Minimum over <paramref name="dim"/> with the index of its first occurrence.</summary>
    [Schema("aten::min.dim(Tensor self, int dim, bool keepdim=False) -> (Tensor values, Tensor indices)")]
    public static (Tensor, Tensor) min(Tensor self, long dim, bool keepdim) => ArgReduce("aten::min", self, dim, keepdim, isMax: false);

    /// <summary>The index of the maximum, over <paramref name="dim"/> or over the flattened tensor.</summary>
    [Schema("aten::argmax(Tensor self, int? dim=None, bool keepdim=False) -> Tensor")]
    public static Tensor argmax(Tensor self, long? dim, bool keepdim) => dim is { } d
        ? ArgReduce("aten::argmax", self, d, keepdim, isMax: true).Item2
        : ArgReduce("aten::argmax", reshape(self, [-1]), 0, false, isMax: true).Item2;

    /// <summary>The index of the minimum, over <paramref name="dim"/> or over the flattened tensor.</summary>
    [Schema("aten::argmin(Tensor self, int? dim=None, bool keepdim=False) -> Tensor")]
    public static Tensor argmin(Tensor self, long? dim, bool keepdim) => dim is { } d
        ? ArgReduce("aten::argmin", self, d, keepdim, isMax: false).Item2
        : ArgReduce("aten::argmin", reshape(self, [-1]), 0, false, isMax: false).Item2;

    private delegate void AxisKernel(ReadOnlySpan<float> x, int outer, int axis, int inner, Span<float> dest);

    private static Tensor Reduce(string op, Tensor self, long[]? dim, bool keepdim, long? dtype, AxisKernel kernel, bool allowEmptyAxis = true) =>
        ReduceInto(op, self, dim, keepdim, dtype, kernel, null, allowEmptyAxis)!;

    // The reduction into out, or into a new tensor when out is null (returned). The reduced dims are moved last
    // (a permuted view of self, gathered dense into OutScratch.Reduced unless it already is) and reduced as one
    // axis of the rows; nothing is allocated but the new result.
    private static Tensor? ReduceInto(string op, Tensor self, long[]? dim, bool keepdim, long? dtype, AxisKernel kernel, Tensor? @out, bool allowEmptyAxis = true)
    {
        if (dtype is not null) throw new NotSupportedException($"{op}: the dtype argument is not supported yet");
        int rank = self.Dim;
        Span<bool> reduced = rank < 16 ? stackalloc bool[16] : new bool[rank + 1];
        reduced = reduced[..Math.Max(rank, 1)];
        MarkReduced(op, rank, dim, reduced);
        Span<int> layout = rank <= 16 ? stackalloc int[3 * 16] : new int[3 * rank];
        Span<int> movedShape = layout[..rank], movedStrides = layout.Slice(rank, rank), outShape = layout.Slice(2 * rank, rank);
        int outer = 1, axis = 1, moved = 0, kept = 0;
        for (int d = 0; d < rank; d++)
        {
            if (reduced[d])
            {
                axis *= self.Shape[d];
                if (keepdim) outShape[kept++] = 1;
            }
            else
            {
                outer *= self.Shape[d];
                movedShape[moved] = self.Shape[d];
                movedStrides[moved++] = self.Stride[d];
                outShape[kept++] = self.Shape[d];
            }
        }

        for (int d = 0; d < rank; d++)
        {
            if (!reduced[d]) continue;
            movedShape[moved] = self.Shape[d];
            movedStrides[moved++] = self.Stride[d];
        }

        if (!allowEmptyAxis && axis == 0)
            throw new ArgumentException($"{op}: expected reduction dim to have non-zero size, got {self.Describe()}");
        if (self.DType != DType.Float32) _ = Operands.AsFloat(op, rank == 0 ? self : permute(self, MovedOrder(reduced, rank))); // throws, naming the moved view
        var x = rank == 0 ? Operands.Dense(op, self, ref OutScratch.Reduced) : self.GatherFloat32(movedShape, movedStrides, ref OutScratch.Reduced);
        var result = @out ?? Tensor.Empty(DType.Float32, outShape[..kept]);
        result.RequireOut(op, DType.Float32, outShape[..kept]);
        kernel(x, outer, axis, 1, result.Float32Span);
        return @out is null ? result : null;
    }

    // reduced[d] for each dim named by dim (all when null or empty); repeats are refused, as in PyTorch.
    private static void MarkReduced(string op, int rank, long[]? dim, Span<bool> reduced)
    {
        if (dim is null || dim.Length == 0)
        {
            reduced.Fill(true);
            return;
        }

        reduced.Clear();
        foreach (long d in dim)
        {
            int w = Dims.Wrap(d, rank, op);
            if (reduced[w]) throw new ArgumentException($"{op}: dim {w} appears multiple times in the list of dims");
            reduced[w] = true;
        }
    }

    // Kept dims then reduced dims: the permutation ReduceInto reads self in.
    private static long[] MovedOrder(ReadOnlySpan<bool> reduced, int rank)
    {
        var order = new List<long>();
        for (int d = 0; d < rank; d++)
            if (!reduced[d]) order.Add(d);
        for (int d = 0; d < rank; d++)
            if (reduced[d]) order.Add(d);
        return [.. order];
    }

    // int64 and bool sum to an exact int64, as in PyTorch (mask.sum() counts).
    private static Tensor IntegerSum(Tensor self, long[]? dim, bool keepdim, long? dtype)
    {
        var (moved, outer, axis, outShape) = ReducePlan("aten::sum", self, dim, keepdim, dtype);
        var result = Tensor.Empty(DType.Int64, outShape);
        IntegerLoops.SumRows("aten::sum", moved, outer, axis, result.Int64Span);
        return result;
    }

    private static Tensor NonEmpty(string op, Tensor self) => self.NumElements > 0 ? self
        : throw new ArgumentException($"{op}: expected reduction dim to be specified for input.numel() == 0 ({self.Describe()})");

    // The reduced dims moved last, so the data read row-major is [outer, axis]; and the output shape.
    private static (Tensor Moved, int Outer, int Axis, int[] OutShape) ReducePlan(string op, Tensor self, long[]? dim, bool keepdim, long? dtype)
    {
        if (dtype is not null) throw new NotSupportedException($"{op}: the dtype argument is not supported yet");
        int rank = self.Dim;
        var reduced = new bool[Math.Max(rank, 1)];
        if (dim is null || dim.Length == 0) Array.Fill(reduced, true);
        else
        {
            foreach (long d in dim)
            {
                int w = Dims.Wrap(d, rank, op);
                if (reduced[w]) throw new ArgumentException($"{op}: dim {w} appears multiple times in the list of dims");
                reduced[w] = true;
            }
        }

        var keptShape = new List<long>();
        var outShape = new List<long>();
        int outer = 1, axis = 1;
        var order = new List<long>();
        for (int d = 0; d < rank; d++)
        {
            if (reduced[d])
            {
                axis *= self.Shape[d];
                if (keepdim) outShape.Add(1);
            }
            else
            {
                outer *= self.Shape[d];
                order.Add(d);
                outShape.Add(self.Shape[d]);
            }
        }

        for (int d = 0; d < rank; d++)
            if (reduced[d]) order.Add(d);
        var moved = rank == 0 ? self : permute(self, [.. order]);
        return (moved, outer, axis, outShape.Select(s => (int)s).ToArray());
    }

    private static (Tensor, Tensor) ArgReduce(string op, Tensor self, long dim, bool keepdim, bool isMax)
    {
        int d = Dims.Wrap(dim, self.Dim, op);
        var source = self.Dim == 0 ? reshape(self, [1]) : self;
        int axis = source.Shape[d];
        if (axis == 0) throw new ArgumentException($"{op}: cannot reduce over a zero-size dimension {d} of {self.Describe()}");
        int outer = 1, inner = 1;
        for (int i = 0; i < d; i++) outer *= source.Shape[i];
        for (int i = d + 1; i < source.Dim; i++) inner *= source.Shape[i];
        var shape = source.Shape.ToArray().ToList();
        if (keepdim && self.Dim > 0) shape[d] = 1;
        else shape.RemoveAt(d);
        var values = Tensor.Empty(DType.Float32, [.. shape]);
        var indices = Tensor.Empty(DType.Int64, [.. shape]);
        var x = Operands.AsFloat(op, source);
        if (isMax) AxisReductions.Max(x, outer, axis, inner, values.Float32Span, indices.Int64Span);
        else AxisReductions.Min(x, outer, axis, inner, values.Float32Span, indices.Int64Span);
        return (values, indices);
    }
}
