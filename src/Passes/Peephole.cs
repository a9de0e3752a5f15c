using TorchJit.Ir;

namespace TorchJit.Passes;

/// <summary>
/// Applies <see cref="PeepholeRules.All"/> until none fires (a rewrite can expose another:
/// <c>t(t(t(t(x))))</c> folds in two rounds). Each rewrite asks <see cref="PassContext.AllowRewrite"/>, so
/// <c>TORCHJIT_OPT_LIMIT=peephole=n</c> bisects a bad rule. Dead producers are left for dead-code elimination.
/// <code>
///   %y = aten::mul(%x, %one)       # %one = 1, %x : Float(...)
///   return (%y)                    →   return (%x)
/// </code>
/// </summary>
public sealed class Peephole : IGraphPass
{
    private readonly ILookup<string, PeepholeRule> rules;

    /// <summary>A peephole pass over <paramref name="rules"/> (default: <see cref="PeepholeRules.All"/>).</summary>
    public Peephole(IEnumerable<PeepholeRule>? rules = null) =>
        this.rules = (rules ?? PeepholeRules.All).ToLookup(r => r.Kind, StringComparer.Ordinal);

    /// <inheritdoc/>
    public string Name => "peephole";

    /// <inheritdoc/>
    public bool Run(Graph graph, PassContext context)
    {
        bool changed = false;
        while (RunBlock(graph.Block, context)) changed = true;
        return changed;
    }

    private bool RunBlock(Block block, PassContext context)
    {
        bool changed = false;
        foreach (var n in block.Nodes)
        {
            foreach (var b in n.Blocks) changed |= RunBlock(b, context);
            if (n.Op is null || n.Outputs.Count != 1) continue;
            foreach (var rule in rules[n.Op.Schema.Kind])
            {
                if (rule.Match(n) is not { } replacement) continue;
                if (!context.AllowRewrite(Name)) return changed;
                context.Log?.Invoke($"peephole: {rule.Name} at {n.Kind}");
                rule.Rewrite?.Invoke(n);
                changed = true;
                if (replacement != n.Output)
                {
                    n.Output.ReplaceAllUsesWith(replacement);
                    n.Destroy();
                }

                break;
            }
        }

        return changed;
    }
}
