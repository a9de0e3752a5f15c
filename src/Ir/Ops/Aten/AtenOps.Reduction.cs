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
        if (dtype is not null) throw new NotSupportedException("aten::sum: the dtype argument is not supported yet");
        var result = Tensor.Empty(DType.Float32, []);
        result.Float32Span[0] = Reductions.Sum(Operands.AsFloat("aten::sum", self));
        return result;
    }

    internal static JitType sum_type(IReadOnlyList<JitType> inputs, IReadOnlyList<IValue?> constants) =>
        OutputTypes.Complete(DType.Float32, []);
}
