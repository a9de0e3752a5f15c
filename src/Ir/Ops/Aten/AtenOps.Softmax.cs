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

    internal static void softmax_out(Tensor self, long dim, long? dtype, Tensor @out) => SoftmaxInto("aten::softmax", self, dim, dtype, log: false, @out);

    internal static void log_softmax_out(Tensor self, long dim, long? dtype, Tensor @out) => SoftmaxInto("aten::log_softmax", self, dim, dtype, log: true, @out);

    private static Tensor SoftmaxLike(string op, Tensor self, long dim, long? dtype, bool log)
    {
        if (dtype is not null) throw new NotSupportedException($"{op}: the dtype argument is not supported yet");
        Dims.Wrap(dim, self.Dim, op);
        Operands.RequireFloat(op, self);
        var result = Tensor.UninitializedFloat32(self.Shape);
        SoftmaxInto(op, self, dim, dtype, log, result);
        return result;
    }

    // A 0-dim tensor is one row of one element.
    private static void SoftmaxInto(string op, Tensor self, long dim, long? dtype, bool log, Tensor @out)
    {
        if (dtype is not null) throw new NotSupportedException($"{op}: the dtype argument is not supported yet");
        int d = Dims.Wrap(dim, self.Dim, op);
        int outer = 1, inner = 1, axis = self.Dim == 0 ? 1 : self.Shape[d];
        for (int i = 0; i < d; i++) outer *= self.Shape[i];
        for (int i = d + 1; i < self.Dim; i++) inner *= self.Shape[i];
        var x = Operands.Dense(op, self, ref OutScratch.Left);
        @out.RequireOut(op, DType.Float32, self.Shape);
        if (log) Softmax.LogForward(x, outer, axis, inner, @out.Float32Span);
        else Softmax.Forward(x, outer, axis, inner, @out.Float32Span);
    }
}
