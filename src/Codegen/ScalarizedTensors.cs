using TorchJit.Ir;
using TorchJit.Kernels;

namespace TorchJit.Codegen;

/// <summary>
/// The 0-dim tensors a plan keeps in registers: <c>if x.sum() &gt; 10</c> reduces to a 0-dim float, compares it
/// to a 0-dim bool and reads that as a bool; as tensors that is three kernel calls and two arena tensors around
/// one comparison. A value qualifies when its producer can compute it as a number (a float32 sum over all
/// elements, a comparison of a register float with a number) and every use reads it as a number (<c>aten::Bool</c>,
/// <c>aten::Float</c>, another such comparison). Each computes what its tensor op computes, bit for bit: the
/// same reduction kernel, the same comparison operator struct with the number converted as the op converts it.
/// </summary>
public static class ScalarizedTensors
{
    /// <summary>The comparison ops of a tensor with a number, and the operator struct each runs.</summary>
    internal static readonly IReadOnlyDictionary<string, Type> Comparisons = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        ["aten::gt.Scalar"] = typeof(GreaterThanOperator),
        ["aten::lt.Scalar"] = typeof(LessThanOperator),
        ["aten::ge.Scalar"] = typeof(GreaterThanOrEqualOperator),
        ["aten::le.Scalar"] = typeof(LessThanOrEqualOperator),
        ["aten::eq.Scalar"] = typeof(EqualOperator),
        ["aten::ne.Scalar"] = typeof(NotEqualOperator),
    };

    internal const string SumAll = "aten::sum";
    internal const string BoolOf = "aten::Bool.Tensor";
    internal const string FloatOf = "aten::Float.Tensor";

    /// <summary>
    /// The values of <paramref name="graph"/> to keep in registers, given the plan's static
    /// <paramref name="types"/>: float32 ones in a <see cref="float"/> local, bool ones in a <see cref="bool"/>.
    /// </summary>
    public static IReadOnlySet<Value> Find(Graph graph, IReadOnlyDictionary<Value, JitType> types)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(types);
        var chosen = new HashSet<Value>();
        Collect(graph.Block, types, chosen);

        // Drop values some use reads as a tensor, until none is left: a comparison whose result is dropped no
        // longer reads its input as a number, and one whose input is dropped compares a tensor.
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (var v in chosen.ToList())
            {
                bool inputKept = v.Node.Op!.QualifiedName == SumAll || chosen.Contains(v.Node.Inputs[0]);
                if (inputKept && v.Uses.All(u => ReadsAsNumber(u, chosen))) continue;
                chosen.Remove(v);
                changed = true;
            }
        }

        return chosen;
    }

    private static void Collect(Block block, IReadOnlyDictionary<Value, JitType> types, HashSet<Value> chosen)
    {
        foreach (var n in block.Nodes)
        {
            foreach (var b in n.Blocks) Collect(b, types, chosen);
            if (n.Op is not { } op || n.Outputs.Count != 1 || !IsZeroDim(types.GetValueOrDefault(n.Output), out var dtype)) continue;
            bool computable = op.QualifiedName == SumAll
                ? dtype == DType.Float32 && n.Inputs[1].ConstantValue is null && n.Inputs[1].Node.Kind == NodeKinds.Constant
                    && types.GetValueOrDefault(n.Inputs[0]) is TensorType { DType: DType.Float32 }
                : Comparisons.ContainsKey(op.QualifiedName) && dtype == DType.Bool && chosen.Contains(n.Inputs[0]) && IsNumber(n.Inputs[1]);
            if (computable) chosen.Add(n.Output);
        }
    }

    private static bool ReadsAsNumber(Use use, HashSet<Value> chosen)
    {
        if (use.User.Op is not { } op) return false;
        return op.QualifiedName is BoolOf or FloatOf || (use.Offset == 0 && Comparisons.ContainsKey(op.QualifiedName) && chosen.Contains(use.User.Output));
    }

    private static bool IsZeroDim(JitType? type, out DType dtype)
    {
        dtype = default;
        if (type is not TensorType { Sizes: { Length: 0 }, DType: { } d }) return false;
        dtype = d;
        return true;
    }

    // The comparison's other operand: an int, float or bool, constant or computed.
    private static bool IsNumber(Value v) => v.Type is IntType or FloatType or BoolType;
}
