using TorchJit.Ir;
using TorchJit.Kernels;

namespace TorchJit.Codegen;

/// <summary>The operator struct a fusible node runs, and which of the node's inputs it reads, in order.</summary>
/// <param name="Operator">An <see cref="IUnaryOperator"/> or <see cref="IBinaryOperator"/> struct.</param>
/// <param name="Operands">Indices into the node's inputs: one for a unary operator, two for a binary one.</param>
public readonly record struct FusedOperator(Type Operator, int[] Operands)
{
    /// <summary>1 for a unary operator, 2 for a binary one.</summary>
    public int Arity => Operands.Length;
}

/// <summary>
/// Which operator struct each fusible aten op lowers to, as types a code generator can call. This mirrors
/// <c>FusibleOps.Lower</c> (which hands out chunk runners, not types) case for case: rsub swaps its operands,
/// gelu picks its operator by the constant approximate mode, and pow by a constant ±0.5 runs sqrt/rsqrt.
/// A test checks the two agree for every kind <see cref="FusibleOps"/> accepts.
/// </summary>
public static class FusedOperators
{
    private static readonly Dictionary<string, Type> Unary = new(StringComparer.Ordinal)
    {
        ["aten::relu"] = typeof(ReluOperator),
        ["aten::neg"] = typeof(NegateOperator),
        ["aten::abs"] = typeof(AbsOperator),
        ["aten::exp"] = typeof(ExpOperator),
        ["aten::log"] = typeof(LogOperator),
        ["aten::sqrt"] = typeof(SqrtOperator),
        ["aten::rsqrt"] = typeof(RsqrtOperator),
        ["aten::tanh"] = typeof(TanhOperator),
        ["aten::sigmoid"] = typeof(SigmoidOperator),
        ["aten::erf"] = typeof(ErfOperator),
        ["aten::sin"] = typeof(SinOperator),
        ["aten::cos"] = typeof(CosOperator),
        ["aten::silu"] = typeof(SiluOperator),
    };

    private static readonly Dictionary<string, Type> Binary = new(StringComparer.Ordinal)
    {
        ["aten::add"] = typeof(AddOperator),
        ["aten::sub"] = typeof(SubtractOperator),
        ["aten::mul"] = typeof(MultiplyOperator),
        ["aten::div"] = typeof(DivideOperator),
        ["aten::pow"] = typeof(PowOperator),
        ["aten::maximum"] = typeof(MaximumOperator),
        ["aten::minimum"] = typeof(MinimumOperator),
        ["aten::leaky_relu"] = typeof(LeakyReluOperator),
    };

    /// <summary>
    /// The operator of <paramref name="n"/>, a node <see cref="FusibleOps.WhyNot"/> accepts; null for a node
    /// this table does not know (which means the table fell behind <see cref="FusibleOps"/>).
    /// </summary>
    public static FusedOperator? Lower(Node n)
    {
        if (n.Op is not { } op) return null;
        string kind = op.Schema.Kind;
        if (Unary.TryGetValue(kind, out var unary)) return new(unary, [0]);
        if (kind == "aten::gelu")
            return new(n.Inputs[1].ConstantValue as string == "tanh" ? typeof(GeluTanhOperator) : typeof(GeluOperator), [0]);
        if (kind == "aten::rsub") return new(typeof(SubtractOperator), [1, 0]); // other - self
        if (op.QualifiedName == "aten::pow.Tensor_Scalar")
        {
            // PyTorch's specials: x ** 0.5 runs sqrt and x ** -0.5 rsqrt (not bit-identical to pow).
            double? exponent = n.Inputs[1].ConstantValue switch
            {
                long l => l,
                double d => d,
                _ => null,
            };
            if (exponent == 0.5) return new(typeof(SqrtOperator), [0]);
            if (exponent == -0.5) return new(typeof(RsqrtOperator), [0]);
        }

        return Binary.TryGetValue(kind, out var binary) ? new(binary, [0, 1]) : null;
    }
}
