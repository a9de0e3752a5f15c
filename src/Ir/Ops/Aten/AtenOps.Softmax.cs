using TorchJit.Kernels;

namespace TorchJit.Ir;

/// <summary>softmax and log_softmax over one dimension (max-subtracted, so large inputs stay finite).</summary>
public static partial class AtenOps
{
    /// <summary>exp(x - max) / sum(exp(x - max)) over <paramref name="dim"/>.</summary>
    [Schema("aten::softmax.int(Tensor self, int dim, ScalarType? dtype=None) -> Tensor")]
    public static Tensor softmax(Tensor self, long dim, long? dtype) => SoftmaxLike("aten::softmax", self, dim, dtype, log: false);

    /// <summary>log(softmax(x)) computed stably over <paramref name="dim"/>.</summary>
    [Schema("aten::log_softmax.int(Tensor self, int dim, ScalarType? dtype=None) -> Tensor")]
    public static Tensor log_softmax(Tensor self, long dim, long? dtype) => SoftmaxLike("aten::log_softmax", self, dim, dtype, log: true);

    internal static JitType softmax_type(IReadOnlyList<JitType> inputs, IReadOnlyList<IValue?> constants) => OutputTypes.Elementwise("aten::softmax", inputs.Take(1).ToArray());

    internal static JitType log_softmax_type(IReadOnlyList<JitType> inputs, IReadOnlyList<IValue?> constants) => OutputTypes.Elementwise("aten::log_softmax", inputs.Take(1).ToArray());

    private static Tensor SoftmaxLike(string op, Tensor self, long dim, long? dtype, bool log)
    {
        if (dtype is not null) throw new NotSupportedException($"{op}: the dtype argument is not supported yet");
        int d = Dims.Wrap(dim, self.Dim, op);
        var source = self.Dim == 0 ? reshape(self, [1]) : self;
        int outer = 1, inner = 1, axis = source.Shape[d];
        for (int i = 0; i < d; i++) outer *= source.Shape[i];
        for (int i = d + 1; i < source.Dim; i++) inner *= source.Shape[i];
        var x = Operands.AsFloat(op, source);
        var result = Tensor.Empty(DType.Float32, self.Shape);
        if (log) Softmax.LogForward(x, outer, axis, inner, result.Float32Span);
        else Softmax.Forward(x, outer, axis, inner, result.Float32Span);
        return result;
    }
}
