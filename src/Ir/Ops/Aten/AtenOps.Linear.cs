using TorchJit.Kernels;

namespace TorchJit.Ir;

/// <summary>Linear algebra.</summary>
public static partial class AtenOps
{
    /// <summary><c>input @ weight.T + bias</c> over the last dimension of <paramref name="input"/>.</summary>
    [Schema("aten::linear(Tensor input, Tensor weight, Tensor? bias=None) -> Tensor")]
    public static Tensor linear(Tensor input, Tensor weight, Tensor? bias)
    {
        var (m, k, n, shape) = LinearShape(input.Shape.ToArray(), weight.Shape.ToArray(), bias?.Shape.ToArray());
        var result = Tensor.Empty(DType.Float32, shape);
        Gemm.Linear(
            Operands.AsFloat("aten::linear", input),
            Operands.AsFloat("aten::linear", weight),
            bias is null ? default : Operands.AsFloat("aten::linear", bias),
            result.Float32Span, m, k, n);
        return result;
    }

    /// <summary>Matrix product of two 2-D tensors.</summary>
    [Schema("aten::matmul(Tensor self, Tensor other) -> Tensor")]
    public static Tensor matmul(Tensor self, Tensor other)
    {
        if (self.Dim != 2 || other.Dim != 2)
            throw new NotSupportedException($"aten::matmul: only 2-D @ 2-D is supported yet, got {self.Describe()} @ {other.Describe()}");
        int m = self.Shape[0], k = self.Shape[1], n = other.Shape[1];
        if (other.Shape[0] != k)
            throw new ArgumentException($"aten::matmul: {self.Describe()} @ {other.Describe()}: inner sizes {k} and {other.Shape[0]} differ");
        var result = Tensor.Empty(DType.Float32, [m, n]);
        Gemm.MatMul(Operands.AsFloat("aten::matmul", self), Operands.AsFloat("aten::matmul", other), result.Float32Span, m, k, n);
        return result;
    }

    internal static JitType linear_type(IReadOnlyList<JitType> inputs, IReadOnlyList<IValue?> constants)
    {
        if (inputs[0] is not TensorType { Sizes: { } x } || inputs[1] is not TensorType { Sizes: { } w })
            return new TensorType(DType.Float32, null, null);
        int[]? b = inputs.Count > 2 && inputs[2] is TensorType { Sizes: { } bs } ? bs : null;
        return OutputTypes.Complete(DType.Float32, LinearShape(x, w, b).Shape);
    }

    private static (int M, int K, int N, int[] Shape) LinearShape(int[] input, int[] weight, int[]? bias)
    {
        if (weight.Length != 2)
            throw new ArgumentException($"aten::linear: weight must be 2-D [out_features, in_features], got [{string.Join(", ", weight)}]");
        int n = weight[0], k = weight[1];
        if (input.Length == 0 || input[^1] != k)
            throw new ArgumentException($"aten::linear: input of shape [{string.Join(", ", input)}] has {(input.Length == 0 ? 0 : input[^1])} features in its last dimension, but weight [{n}, {k}] expects [*, {k}]");
        if (bias is not null && (bias.Length != 1 || bias[0] != n))
            throw new ArgumentException($"aten::linear: bias must have shape [{n}], got [{string.Join(", ", bias)}]");
        int m = 1;
        for (int i = 0; i < input.Length - 1; i++) m *= input[i];
        var shape = (int[])input.Clone();
        shape[^1] = n;
        return (m, k, n, shape);
    }
}
