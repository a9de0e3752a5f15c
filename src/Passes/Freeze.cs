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
public sealed class Freeze : IGraphPass
{
    /// <inheritdoc/>
    public string Name => "freeze";

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
            if (n.Kind != NodeKinds.GetAttr) continue;
            var value = ModuleObjects.Resolve(n.Output, graph, self);
            if (value is null || value.Value.Kind == IValueKind.Object) continue;
            object? constant = value.Value.Kind switch
            {
                IValueKind.Tensor => value.Value.ToTensor(),
                IValueKind.Int => value.Value.ToInt(),
                IValueKind.Double => value.Value.ToDouble(),
                IValueKind.Bool => value.Value.ToBool(),
                IValueKind.None => null,
                _ => throw new NotSupportedException($"freeze: attribute '{n.StringAttribute("name")}' of kind {value.Value.Kind}"),
            };
            using (graph.InsertPointAt(n))
            {
                var c = graph.InsertConstant(constant);
                if (n.Output.DebugName is { } name && c.Type is not NoneType && constant is Tensor) c.SetDebugName(name);
                n.Output.ReplaceAllUsesWith(c);
            }

            n.Destroy();
            changed = true;
        }

        return changed;
    }
}
