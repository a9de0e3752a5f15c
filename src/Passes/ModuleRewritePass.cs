using TorchJit.Ir;

namespace TorchJit.Passes;

/// <summary>
/// A pass that rewrites nodes one at a time, in every block, knowing which module object <c>%self</c> is
/// (<see cref="Inline"/>, <see cref="Freeze"/>). Without a module in the context it does nothing.
/// </summary>
public abstract class ModuleRewritePass : IGraphPass
{
    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public virtual bool Run(Graph graph, PassContext context) => context.Self is { } self && RunBlock(graph, graph.Block, self);

    /// <summary>Rewrites <paramref name="node"/> if it applies; true if the graph changed.</summary>
    protected abstract bool Rewrite(Graph graph, Node node, ScriptObject self);

    private bool RunBlock(Graph graph, Block block, ScriptObject self)
    {
        bool changed = false;
        foreach (var n in block.Nodes)
        {
            foreach (var b in n.Blocks) changed |= RunBlock(graph, b, self);
            changed |= Rewrite(graph, n, self);
        }

        return changed;
    }
}
