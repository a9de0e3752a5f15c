using TorchJit.Ir;
using TorchJit.Kernels;

namespace TorchJit.Passes;

/// <summary>
/// One algebraic simplification. <paramref name="Match"/> only looks; <paramref name="Rewrite"/> (called when the
/// match succeeded and the rewrite budget allows) may edit the node and returns the value that replaces its
/// output: an existing value, or the node's own output when it was rewired in place.
/// </summary>
/// <param name="Name">Printed in logs: <c>mul-by-one</c>.</param>
/// <param name="Kind">The node kind matched (<c>aten::mul</c>); overloads are told apart inside the match.</param>
/// <param name="Match">The value the node's output becomes, or null when the rule does not apply.</param>
/// <param name="Rewrite">Edits before the replacement, if any (null: none).</param>
public sealed record PeepholeRule(string Name, string Kind, Func<Node, Value?> Match, Action<Node>? Rewrite = null);

/// <summary>
/// The rule table of <see cref="Peephole"/>. Every rule keeps the result bit for bit except the sign of a zero
/// (<c>add(x, 0)</c> gives +0 for x = -0, <c>x</c> keeps -0, as PyTorch's peephole accepts), and none assumes
/// x is finite: there is no <c>x - x -&gt; 0</c> or <c>x * 0 -&gt; 0</c>, which are wrong for NaN and Inf.
/// An identity is only taken when the output's dtype is x's (an int tensor times 1.0 is a float tensor) and
/// the other operand is a scalar, which cannot broadcast x to a larger shape.
/// </summary>
public static class PeepholeRules
{
    /// <summary>The rules, in the order they are tried.</summary>
    public static IReadOnlyList<PeepholeRule> All { get; } =
    [
        new("mul-by-one", "aten::mul", n => IdentityWhen(n, 1, allowInt: true)),
        new("div-by-one", "aten::div", n => IdentityWhen(n, 1, allowInt: false)),
        new("add-zero", "aten::add", n => IdentityWhen(n, 0, allowInt: true)),
        new("sub-zero", "aten::sub", n => IdentityWhen(n, 0, allowInt: true)),
        new("transpose-transpose", "aten::transpose", TransposeOfTranspose),
        new("t-t", "aten::t", n => Producer(n.Inputs[0], "aten::t") is { } inner ? inner.Inputs[0] : null),
        // reshape(reshape(x, s1), s2) reads x directly; the inner reshape dies if nothing else uses it.
        new("reshape-chain", "aten::reshape",
            n => Producer(n.Inputs[0], "aten::reshape") is not null ? n.Output : null,
            n => n.ReplaceInput(0, n.Inputs[0].Node.Inputs[0])),
        new("dropout-eval", "aten::dropout", n => ConstantBool(n.Inputs[2]) == false ? n.Inputs[0] : null),
    ];

    // op(x, c[, alpha]) -> x for the neutral element c of op.
    private static Value? IdentityWhen(Node n, double neutral, bool allowInt)
    {
        if (n.Inputs.Count < 2 || n.Inputs[0].Type is not TensorType { DType: { } dtype }) return null;
        if (n.Inputs.Count == 3 && ConstantNumber(n.Inputs[2]) is not { } _) return null; // alpha must be known
        if (ConstantNumber(n.Inputs[1]) is not (double value, bool isInt) || value != neutral) return null;
        bool keepsDType = dtype == DType.Float32 || dtype == DType.Int64 && isInt && allowInt;
        if (!keepsDType) return null;
        if (n.Output.Type is TensorType { DType: { } outType } && outType != dtype) return null;
        return n.Inputs[0];
    }

    private static Value? TransposeOfTranspose(Node n)
    {
        if (Producer(n.Inputs[0], "aten::transpose") is not { } inner) return null;
        if (ConstantInt(n.Inputs[1]) is not long a || ConstantInt(n.Inputs[2]) is not long b
            || ConstantInt(inner.Inputs[1]) is not long c || ConstantInt(inner.Inputs[2]) is not long d) return null;
        if (inner.Inputs[0].Type is TensorType { Sizes: { } sizes })
        {
            (a, b, c, d) = (Wrap(a, sizes.Length), Wrap(b, sizes.Length), Wrap(c, sizes.Length), Wrap(d, sizes.Length));
        }

        return (a == c && b == d) || (a == d && b == c) ? inner.Inputs[0] : null;
    }

    private static long Wrap(long dim, int rank) => dim < 0 ? dim + rank : dim;

    private static Node? Producer(Value v, string kind) => v.Node.Kind == kind ? v.Node : null;

    private static (double Value, bool IsInt)? ConstantNumber(Value v)
    {
        if (v.Node.Kind != NodeKinds.Constant) return null;
        return v.Node.Attribute("value") switch
        {
            long l => (l, true),
            double d => (d, false),
            Tensor { Dim: 0, DType: DType.Float32 } t => (t.item().ToDouble(), false),
            Tensor { Dim: 0, DType: DType.Int64 } t => (t.item().ToDouble(), true),
            _ => null,
        };
    }

    private static long? ConstantInt(Value v) => v.ConstantValue is long l ? l : null;

    private static bool? ConstantBool(Value v) => v.ConstantValue is bool b ? b : null;
}
