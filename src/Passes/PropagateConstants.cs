using TorchJit.Ir;

namespace TorchJit.Passes;

/// <summary>
/// Runs pure ops whose inputs are all constants with their real implementation (never a second copy of
/// their semantics) and replaces their outputs by constants; folds <c>prim::If</c> on a constant
/// condition into the taken block. Nondeterministic ops are skipped.
/// <code>
///   %c = prim::Constant[value=2]()
///   %y = aten::mul(%w, %c)        # %w constant       →   %y = prim::Constant[value=&lt;Tensor&gt;]()
/// </code>
/// </summary>
public sealed class PropagateConstants : IGraphPass
{
    /// <inheritdoc/>
    public string Name => "propagate-constants";

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
            if (n.Op is not { IsPure: true } op || n.Outputs.Count != 1 || !n.Inputs.All(i => i.IsConstant)) continue;
            var args = n.Inputs.Select(i => IValue.FromConstant(i.Node.Attribute("value"))).ToArray();
            IValue result;
            try
            {
                result = op.Invoke(args);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or NotSupportedException)
            {
                // Folding must not turn a run-time error on a dead path into a compile-time one.
                context.Log?.Invoke($"propagate-constants: not folding {n.Kind}: {e.Message}");
                continue;
            }

            using (graph.InsertPointAt(n))
            {
                var constant = graph.InsertConstant(ConstantValue(result));
                n.Output.ReplaceAllUsesWith(constant);
            }

            n.Destroy();
            changed = true;
        }

        return changed;
    }


    private static object? ConstantValue(IValue v) => v.Kind switch
    {
        IValueKind.None => null,
        IValueKind.Tensor => v.ToTensor(),
        IValueKind.Int => v.ToInt(),
        IValueKind.Double => v.ToDouble(),
        IValueKind.Bool => v.ToBool(),
        IValueKind.String => v.ToStringValue(),
        _ => throw new NotSupportedException($"propagate-constants: a {v.Kind} result cannot be a constant"),
    };

    // Moves the taken block's nodes in front of the If and routes its outputs to the If's users.
    private static void InlineTakenBranch(Node ifNode, bool condition)
    {
        var taken = ifNode.Blocks[condition ? 0 : 1];
        foreach (var n in taken.Nodes) n.MoveBefore(ifNode);
        for (int i = 0; i < ifNode.Outputs.Count; i++) ifNode.Outputs[i].ReplaceAllUsesWith(taken.Outputs[i]);
        ifNode.Destroy();
    }
}
