using TorchJit.Ir;

namespace TorchJit.Passes;

/// <summary>
/// Replaces <c>prim::CallMethod</c> on a sub-module by a copy of the method's body (recursively), so
/// later passes see one flat graph (TorchScript's <c>inlined_graph</c>).
/// <code>
///   %l = prim::GetAttr[name="linear"](%self)
///   %y = prim::CallMethod[name="forward"](%l, %x)   →   %w = prim::GetAttr[name="weight"](%l) ; %y = aten::linear(%x, %w, %b)
/// </code>
/// </summary>
public sealed class Inline : IGraphPass
{
    /// <inheritdoc/>
    public string Name => "inline";

    /// <inheritdoc/>
    public bool Run(Graph graph, PassContext context)
    {
        if (context.Self is null) return false;
        return RunBlock(graph, graph.Block, context.Self);
    }

    private static bool RunBlock(Graph graph, Block block, ScriptObject self)
    {
        bool changed = false;
        foreach (var n in block.Nodes)
        {
            foreach (var b in n.Blocks) changed |= RunBlock(graph, b, self);
            if (n.Kind != NodeKinds.CallMethod) continue;
            var target = ModuleObjects.Resolve(n.Inputs[0], graph, self)
                ?? throw new NotSupportedException($"inline: cannot tell which module {n.Inputs[0]} is");
            var callee = target.ToObject().GetMethod(n.StringAttribute("name")).Graph;
            IReadOnlyList<Value> outputs;
            using (graph.InsertPointAt(n)) outputs = GraphCopy.InsertGraph(graph, callee, n.Inputs.ToArray());
            for (int i = 0; i < outputs.Count; i++) n.Outputs[i].ReplaceAllUsesWith(outputs[i]);
            n.Destroy();
            changed = true;
        }

        // Inlined bodies may call further methods.
        if (changed) RunBlock(graph, block, self);
        return changed;
    }
}
