using TorchJit.Ir;

namespace TorchJit.Passes;

/// <summary>
/// Removes nodes whose outputs are unused and that have no side effects, unused outputs of
/// <c>prim::If</c>, and loop-carried values nothing reads; walks each block backwards so whole dead chains go in one run.
/// <code>
///   %a = aten::sum(%x)      # unused
///   %b = aten::gt(%a, %c)   # unused
///   return (%x)             →   return (%x)
/// </code>
/// </summary>
public sealed class EliminateDeadCode : IGraphPass
{
    /// <inheritdoc/>
    public string Name => "eliminate-dead-code";

    /// <inheritdoc/>
    public bool Run(Graph graph, PassContext context) => RunBlock(graph.Block);

    private static bool RunBlock(Block block)
    {
        bool changed = false;
        foreach (var n in block.NodesReversed)
        {
            if (n.Kind == NodeKinds.If) changed |= RemoveUnusedIfOutputs(n);
            if (n.Kind == NodeKinds.Loop) changed |= RemoveDeadCarried(n);
            foreach (var b in n.Blocks) changed |= RunBlock(b);
            if (n.Outputs.All(o => o.Uses.Count == 0) && !HasSideEffects(n))
            {
                n.Destroy();
                changed = true;
            }
        }

        return changed;
    }

    private static bool RemoveUnusedIfOutputs(Node n)
    {
        bool changed = false;
        for (int i = n.Outputs.Count - 1; i >= 0; i--)
        {
            if (n.Outputs[i].Uses.Count > 0) continue;
            foreach (var b in n.Blocks) b.ReturnNode.RemoveInput(i);
            n.RemoveOutput(i);
            changed = true;
        }

        return changed;
    }

    // A carried value is dead when the loop's output is unused and the body only passes its input on to the next iteration.
    private static bool RemoveDeadCarried(Node loop)
    {
        bool changed = false;
        var body = loop.Blocks[0];
        for (int c = loop.Outputs.Count - 1; c >= 0; c--)
        {
            var input = body.Inputs[c + 1];
            if (loop.Outputs[c].Uses.Count > 0 || input.Uses.Any(u => !(u.User == body.ReturnNode && u.Offset == c + 1))) continue;
            body.ReturnNode.RemoveInput(c + 1);
            body.ParamNode.RemoveOutput(c + 1);
            loop.RemoveInput(c + 2);
            loop.RemoveOutput(c);
            changed = true;
        }

        return changed;
    }

    // Op nodes are removable when pure; structure nodes when their blocks hold nothing effectful.
    private static bool HasSideEffects(Node n) => n.Kind switch
    {
        NodeKinds.Constant or NodeKinds.GetAttr or NodeKinds.TupleConstruct or NodeKinds.TupleUnpack or NodeKinds.ListConstruct or NodeKinds.FusionGroup or NodeKinds.Uninitialized => false,
        NodeKinds.If or NodeKinds.Loop => n.Blocks.Any(b => b.Nodes.Any(HasSideEffects)),
        NodeKinds.CallMethod => true,
        _ => n.Op is not { IsPure: true },
    };
}
