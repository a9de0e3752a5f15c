using TorchJit.Kernels;

namespace TorchJit.Ir;

/// <summary>
/// Which aten ops an elementwise fusion group can hold, and how each runs on a chunk: exactly the float
/// ops whose eager implementation is one operator struct applied elementwise (with broadcasting), so the
/// fused group reproduces the unfused bits. <see cref="WhyNot"/> gives the fuser its rejection reasons.
/// </summary>
public static class FusibleOps
{
    private static readonly Dictionary<string, ChunkOp> Unary = new(StringComparer.Ordinal)
    {
        ["aten::relu"] = UnaryChunkOp<ReluOperator>.Instance,
        ["aten::neg"] = UnaryChunkOp<NegateOperator>.Instance,
        ["aten::abs"] = UnaryChunkOp<AbsOperator>.Instance,
        ["aten::exp"] = UnaryChunkOp<ExpOperator>.Instance,
        ["aten::log"] = UnaryChunkOp<LogOperator>.Instance,
        ["aten::sqrt"] = UnaryChunkOp<SqrtOperator>.Instance,
        ["aten::rsqrt"] = UnaryChunkOp<RsqrtOperator>.Instance,
        ["aten::tanh"] = UnaryChunkOp<TanhOperator>.Instance,
        ["aten::sigmoid"] = UnaryChunkOp<SigmoidOperator>.Instance,
        ["aten::erf"] = UnaryChunkOp<ErfOperator>.Instance,
        ["aten::sin"] = UnaryChunkOp<SinOperator>.Instance,
        ["aten::cos"] = UnaryChunkOp<CosOperator>.Instance,
        ["aten::silu"] = UnaryChunkOp<SiluOperator>.Instance,
    };

    private static readonly Dictionary<string, ChunkOp> Binary = new(StringComparer.Ordinal)
    {
        ["aten::add"] = BinaryChunkOp<AddOperator>.Instance,
        ["aten::sub"] = BinaryChunkOp<SubtractOperator>.Instance,
        ["aten::mul"] = BinaryChunkOp<MultiplyOperator>.Instance,
        ["aten::div"] = BinaryChunkOp<DivideOperator>.Instance,
        ["aten::pow"] = BinaryChunkOp<PowOperator>.Instance,
        ["aten::maximum"] = BinaryChunkOp<MaximumOperator>.Instance,
        ["aten::minimum"] = BinaryChunkOp<MinimumOperator>.Instance,
        ["aten::leaky_relu"] = BinaryChunkOp<LeakyReluOperator>.Instance,
    };

    /// <summary>Null when <paramref name="n"/> can join an elementwise fusion group; otherwise why not.</summary>
    public static string? WhyNot(Node n)
    {
        if (n.Op is not { } op) return "not an op";
        string kind = op.Schema.Kind;
        if (n.Outputs.Count != 1 || n.Output.Type is not TensorType) return "its result is not one tensor";
        if (n.Output.Type is TensorType { DType: { } d } && d != DType.Float32) return $"its result is {d}, the fuser runs float32";
        if (Unary.ContainsKey(kind)) return n.Inputs.Count == 1 ? null : "unexpected arguments";
        if (kind == "aten::gelu") return ConstantString(n.Inputs[1]) is "none" or "tanh" ? null : "non-constant approximate mode";
        if (!Binary.ContainsKey(kind) && kind != "aten::rsub") return "not an elementwise op the fuser knows";
        // pow by a number runs sqrt/rsqrt for ±0.5 (PyTorch's specials): which op runs must be known here.
        if (op.QualifiedName == "aten::pow.Tensor_Scalar" && ConstantNumber(n.Inputs[1]) is null) return "non-constant exponent";
        if (kind is "aten::add" or "aten::sub" or "aten::rsub")
            return n.Inputs.Count == 3 && IsConstantOne(n.Inputs[2]) ? null : "alpha is not the constant 1";
        return n.Inputs.Count == 2 ? null : "unexpected arguments";
    }

    // The chunk op of a fusible node and the indices of its data operands.
    internal static (ChunkOp Op, int[] Operands) Lower(Node n)
    {
        string kind = n.Op!.Schema.Kind;
        if (Unary.TryGetValue(kind, out var unary)) return (unary, [0]);
        if (kind == "aten::gelu")
            return (ConstantString(n.Inputs[1]) == "tanh" ? UnaryChunkOp<GeluTanhOperator>.Instance : UnaryChunkOp<GeluOperator>.Instance, [0]);
        if (kind == "aten::rsub") return (BinaryChunkOp<SubtractOperator>.Instance, [1, 0]); // other - self
        if (n.Op.QualifiedName == "aten::pow.Tensor_Scalar")
        {
            double exponent = ConstantNumber(n.Inputs[1])!.Value;
            if (exponent == 0.5) return (UnaryChunkOp<SqrtOperator>.Instance, [0]);
            if (exponent == -0.5) return (UnaryChunkOp<RsqrtOperator>.Instance, [0]);
        }

        return (Binary[kind], [0, 1]);
    }

    private static double? ConstantNumber(Value v) => v.ConstantValue switch
    {
        long l => l,
        double d => d,
        _ => null,
    };

    private static string? ConstantString(Value v) => v.ConstantValue as string;

    private static bool IsConstantOne(Value v) =>
        ConstantNumber(v) == 1;
}
