using TorchJit.Ir;

namespace TorchJit.Passes;

/// <summary>
/// Replaces <c>prim::CallMethod</c> on a sub-module (or on <c>%self</c>) and <c>prim::CallFunction</c> by a
/// copy of the callee's body (recursively), so later passes see one flat graph (TorchScript's <c>inlined_graph</c>).
/// <code>
///   %l = prim::GetAttr[name="linear"](%self)
///   %y = prim::CallMethod[name="forward"](%l, %x)   →   %w = prim::GetAttr[name="weight"](%l) ; %y = aten::linear(%x, %w, %b)
/// </code>
/// </summary>
public sealed class Inline : ModuleRewritePass
{
    /// <inheritdoc/>
    public override string Name => "inline";

    /// <inheritdoc/>
    public override bool Run(Graph graph, PassContext context)
    {
        // Inlined bodies may call further methods: repeat until none is left.
        bool changed = false;
        while (base.Run(graph, context)) changed = true;
        return changed;
    }

    /// <inheritdoc/>
    protected override bool Rewrite(Graph graph, Node node, ScriptObject self)
    {
        if (node.Kind == NodeKinds.CallFunction) return InlineFunction(graph, node);
        if (node.Kind != NodeKinds.CallMethod) return false;
        var target = ModuleObjects.Resolve(node.Inputs[0], graph, self)
            ?? throw new NotSupportedException($"inline: cannot tell which module {node.Inputs[0]} is");
        var callee = target.ToObject().GetMethod(node.StringAttribute("name")).Graph;
        IReadOnlyList<Value> outputs;
        using (graph.InsertPointAt(node)) outputs = GraphCopy.InsertGraph(graph, callee, node.Inputs.ToArray());
        for (int i = 0; i < outputs.Count; i++) node.Outputs[i].ReplaceAllUsesWith(outputs[i]);
        node.Destroy();
        return true;
    }

    // %f : Function = prim::Constant[name="helper"]() ; %y = prim::CallFunction(%f, %x)  →  the helper's body on %x
    private static bool InlineFunction(Graph graph, Node node)
    {
        var fn = node.Inputs[0];
        var callee = ((FunctionType)fn.Type).Graph;
        IReadOnlyList<Value> outputs;
        using (graph.InsertPointAt(node)) outputs = GraphCopy.InsertGraph(graph, callee, node.Inputs.Skip(1).ToArray());
        for (int i = 0; i < outputs.Count; i++) node.Outputs[i].ReplaceAllUsesWith(outputs[i]);
        node.Destroy();
        if (fn.Uses.Count == 0 && fn.Node.Kind == NodeKinds.Constant) fn.Node.Destroy();
        return true;
    }
}
