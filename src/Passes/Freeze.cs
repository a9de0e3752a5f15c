using TorchJit.Ir;

namespace TorchJit.Passes;

/// <summary>
/// Turns attribute reads into constants (<c>torch.jit.freeze</c>): parameters and buffers become tensor
/// constants, int/float/bool attributes literal constants. Nothing can write module attributes from a
/// graph yet (no <c>prim::SetAttr</c>), so every attribute is immutable. Module-valued reads stay until
/// inlining leaves them unused.
/// <code>
///   %w = prim::GetAttr[name="weight"](%self)   →   %w = prim::Constant[value=&lt;Tensor&gt;]()
/// </code>
/// </summary>
public sealed class Freeze : ModuleRewritePass
{
    /// <inheritdoc/>
    public override string Name => "freeze";

    /// <inheritdoc/>
    protected override bool Rewrite(Graph graph, Node node, ScriptObject self)
    {
        if (node.Kind != NodeKinds.GetAttr) return false;
        var value = ModuleObjects.Resolve(node.Output, graph, self);
        if (value is not { } v || v.Kind == IValueKind.Object) return false;
        object? constant = v.Kind switch
        {
            IValueKind.Tensor => v.ToTensor(),
            IValueKind.Int => v.ToInt(),
            IValueKind.Double => v.ToDouble(),
            IValueKind.Bool => v.ToBool(),
            IValueKind.None => null,
            IValueKind.IntList => v.ToIntList(),
            IValueKind.String => v.ToStringValue(),
            _ => throw new NotSupportedException($"freeze: attribute '{node.StringAttribute("name")}' of kind {v.Kind}"),
        };
        using (graph.InsertPointAt(node))
        {
            var c = graph.InsertConstant(constant);
            if (node.Output.DebugName is { } name && constant is Tensor) c.SetDebugName(name);
            node.Output.ReplaceAllUsesWith(c);
        }

        node.Destroy();
        return true;
    }
}
