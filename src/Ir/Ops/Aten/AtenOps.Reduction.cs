using TorchJit.Kernels;

namespace TorchJit.Ir;

/// <summary>Reductions.</summary>
public static partial class AtenOps
{
    /// <summary>Sum of all elements as a 0-dim tensor (order: see <see cref="Reductions.Sum"/>).</summary>
    [Schema("aten::sum(Tensor self, *, ScalarType? dtype=None) -> Tensor")]
    public static Tensor sum(Tensor self, long? dtype)
    {
        if (self.DType != DType.Float32) return sum(self, null, false, dtype);
        var result = Tensor.Empty(DType.Float32, []);
        sum_out(self, dtype, result);
        return result;
    }

    internal static void sum_out(Tensor self, long? dtype, Tensor @out)
    {
        if (self.DType != DType.Float32)
        {
            Tensor.CopyResult("aten::sum", sum(self, dtype), @out); // int64 sums: IntegerLoops, allocating
            return;
        }

        if (dtype is not null) throw new NotSupportedException("aten::sum: the dtype argument is not supported yet");
        @out.RequireOut("aten::sum", DType.Float32, []);
        @out.Float32Span[0] = SumAsSingle(self);
    }

    /// <summary>
    /// The sum of a float32 tensor's elements, exactly as <c>aten::sum</c> computes it: compiled plans keep such
    /// a 0-dim result in a register when it is only compared or read as a number.
    /// </summary>
    public static float SumAsSingle(Tensor self)
    {
        ArgumentNullException.ThrowIfNull(self);
        return Reductions.Sum(Operands.Dense("aten::sum", self, ref OutScratch.Left));
    }

    // Serves both aten::sum(self, dtype) and aten::sum.dim_IntList(self, dim, keepdim, dtype): the registry
    // finds type functions by method name. float32 sums to float32, int64 and bool to int64.
    internal static JitType sum_type(IReadOnlyList<JitType> inputs, IReadOnlyList<IValue?> constants)
    {
        var self = inputs[0] as TensorType;
        DType? dtype = self?.DType is { } d ? (d == DType.Float32 ? DType.Float32 : DType.Int64) : null;
        if (inputs.Count == 2) return OutputTypes.Complete(dtype, []);
        if (self?.Sizes is not { } sizes || constants[1] is not { } dims || constants[2] is not { } keepdim) return OutputTypes.Complete(dtype, null);
        var list = dims.ToOptionalIntList() ?? [];
        var reduced = new bool[sizes.Length];
        foreach (long dim in list)
        {
            int w = Dims.Wrap(dim, sizes.Length, "aten::sum");
            if (w < reduced.Length) reduced[w] = true; // a 0-dim tensor accepts dim 0 and reduces nothing
        }

        bool all = list.Length == 0, keep = keepdim.ToBool();
        var shape = new List<int>();
        for (int i = 0; i < sizes.Length; i++)
        {
            if (!all && !reduced[i]) shape.Add(sizes[i]);
            else if (keep) shape.Add(1);
        }

        return OutputTypes.Complete(dtype, [.. shape]);
    }
}
