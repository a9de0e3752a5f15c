using TorchJit.Ir;

namespace TorchJit.Passes;

/// <summary>
/// Groups runs of elementwise ops into <c>prim::FusionGroup</c> nodes whose subgraph runs as one chunked
/// sweep (<see cref="FusedElementwise"/>): <c>x * sigmoid(x) + b</c> reads x once and writes one result,
/// instead of three full-size tensors through memory. A group is a run of consecutive fusible nodes (constants
/// in between do not break it) in which every node after the first reads a value the group computed or a tensor
/// the group already reads (<c>sigmoid(x * a + b) * tanh(x)</c> is one group: tanh reads x once more); groups of
/// a single op are left alone (nothing to save). Number constants are copied into the subgraph, as TorchScript's
/// fusers do; tensors, including constant weights, come in as group inputs. Every op next to a group that
/// cannot join it is logged with the reason (<c>fuse-elementwise: rejected aten::softmax: not an elementwise op
/// the fuser knows</c>).
/// <code>
///   %s = aten::sigmoid(%x)                 %y = prim::FusionGroup_0(%x, %b)
///   %m = aten::mul(%x, %s)           →     with prim::FusionGroup_0 = graph(%0 : Tensor, %1 : Tensor):
///   %y = aten::add(%m, %b, %one)             ... the three ops ...
/// </code>
/// </summary>
public sealed class FuseElementwise : IGraphPass
{
    /// <inheritdoc/>
    public string Name => "fuse-elementwise";

    /// <inheritdoc/>
    public bool Run(Graph graph, PassContext context) => RunBlock(graph, graph.Block, context);

    private bool RunBlock(Graph graph, Block block, PassContext context)
    {
        bool changed = false;
        var group = new List<Node>();
        var produced = new HashSet<Value>();
        var read = new HashSet<Value>();
        foreach (var n in block.Nodes)
        {
            foreach (var b in n.Blocks) changed |= RunBlock(graph, b, context);
            if (n.Kind == NodeKinds.Constant) continue;
            string? reason = FusibleOps.WhyNot(n);
            bool extends = group.Count > 0 && n.Inputs.Any(i => produced.Contains(i) || (i.Node.Kind != NodeKinds.Constant && read.Contains(i)));
            if (reason is null && (group.Count == 0 || extends))
            {
                Join(n);
                continue;
            }

            if (reason is not null && (extends || n.Op is { Traits: var t } && (t & OpTraits.Elementwise) != 0))
                context.Log?.Invoke($"{Name}: rejected {n.Kind}: {reason}");
            changed |= Close(graph, group, produced, context);
            read.Clear();
            if (reason is null) Join(n); // a fusible node that does not extend the run starts the next one
        }

        changed |= Close(graph, group, produced, context);
        return changed;

        void Join(Node n)
        {
            group.Add(n);
            foreach (var o in n.Outputs) produced.Add(o);
            foreach (var i in n.Inputs) read.Add(i);
        }
    }

    private bool Close(Graph graph, List<Node> group, HashSet<Value> produced, PassContext context)
    {
        bool fused = group.Count >= 2 && context.AllowRewrite(Name);
        if (fused) FusionGroups.Fuse(graph, group);
        group.Clear();
        produced.Clear();
        return fused;
    }
}
