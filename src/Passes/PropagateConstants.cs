using TorchJit.Ir;

namespace TorchJit.Passes;

/// <summary>
/// Runs pure ops whose inputs are all constants with their real implementation (never a second copy of
/// their semantics) and replaces their outputs by constants; folds <c>prim::If</c> on a constant
/// condition into the taken block, and an <c>int[]</c> <c>prim::ListConstruct</c> of constants into a
/// constant list (lists are never mutated in place here, so one constant can stand for every build).
/// Nondeterministic ops are skipped.
/// <code>
///   %c = prim::Constant[value=2]()
///   %y = aten::mul(%w, %c)        # %w constant       →   %y = prim::Constant[value=&lt;Tensor&gt;]()
/// </code>
/// </summary>
public sealed class PropagateConstants : IGraphPass
{
    private const string PassName = "propagate-constants";

    /// <inheritdoc/>
    public string Name => PassName;

    /// <inheritdoc/>
    public bool Run(Graph graph, PassContext context) => RunBlock(graph, graph.Block, context);

    private static bool RunBlock(Graph graph, Block block, PassContext context)
    {
        bool changed = false;
        foreach (var n in block.Nodes)
        {
            if (n.Kind == NodeKinds.If && n.Inputs[0].IsConstant)
            {
                InlineTakenBranch(n, (bool)n.Inputs[0].Node.Attribute("value")!);
                changed = true;
                continue;
            }

            foreach (var b in n.Blocks) changed |= RunBlock(graph, b, context);
            if (n.Kind == NodeKinds.ListConstruct && n.Output.Type is ListType { Element: IntType } && n.Inputs.All(i => i.ConstantValue is long))
            {
                ReplaceByConstant(graph, n, n.Inputs.Select(i => (long)i.ConstantValue!).ToArray());
                changed = true;
                continue;
            }

            if (n.Op is not { IsPure: true } op || n.Outputs.Count != 1 || !n.Inputs.All(i => i.IsConstant)) continue;
            var args = n.Inputs.Select(i => IValue.FromConstant(i.Node.Attribute("value"))).ToArray();
            if (!TryFold(PassName, op, args, context, out var constant)) continue;
            ReplaceByConstant(graph, n, constant);
            changed = true;
        }

        return changed;
    }

    /// <summary>
    /// Runs <paramref name="op"/> on <paramref name="args"/> and gives the result as a constant's value; false
    /// (logged as <paramref name="pass"/>) when the op fails or its result cannot be a constant.
    /// <see cref="SpecializeShapes"/> folds shape queries through here too, so both passes leave the same errors for run time.
    /// </summary>
    internal static bool TryFold(string pass, OpDef op, IValue[] args, PassContext context, out object? constant)
    {
        constant = null;
        IValue result;
        try
        {
            result = op.Invoke(args);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or NotSupportedException or IndexOutOfRangeException or InvalidCastException)
        {
            // Folding must not turn a run-time error on a dead path into a compile-time one.
            context.Log?.Invoke($"{pass}: not folding {op.Schema.Kind}: {e.Message}");
            return false;
        }

        switch (result.Kind)
        {
            case IValueKind.None: return true;
            case IValueKind.Tensor: constant = result.ToTensor(); return true;
            case IValueKind.Int: constant = result.ToInt(); return true;
            case IValueKind.Double: constant = result.ToDouble(); return true;
            case IValueKind.Bool: constant = result.ToBool(); return true;
            case IValueKind.String: constant = result.ToStringValue(); return true;
            case IValueKind.IntList: constant = result.ToIntList(); return true;
            default:
                context.Log?.Invoke($"{pass}: not folding {op.Schema.Kind}: a {result.Kind} result cannot be a constant");
                return false;
        }
    }

    /// <summary>Puts a constant of <paramref name="value"/> in place of <paramref name="n"/>'s one output and removes <paramref name="n"/>.</summary>
    internal static void ReplaceByConstant(Graph graph, Node n, object? value)
    {
        using (graph.InsertPointAt(n))
        {
            n.Output.ReplaceAllUsesWith(graph.InsertConstant(value));
        }

        n.Destroy();
    }

    // Moves the taken block's nodes in front of the If and routes its outputs to the If's users.
    private static void InlineTakenBranch(Node ifNode, bool condition)
    {
        var taken = ifNode.Blocks[condition ? 0 : 1];
        foreach (var n in taken.Nodes) n.MoveBefore(ifNode);
        for (int i = 0; i < ifNode.Outputs.Count; i++) ifNode.Outputs[i].ReplaceAllUsesWith(taken.Outputs[i]);
        ifNode.Destroy();
    }
}
