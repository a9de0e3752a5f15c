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
        if (fused) Fuse(graph, group, produced);
        group.Clear();
        produced.Clear();
        return fused;
    }

    private static void Fuse(Graph graph, List<Node> group, HashSet<Value> produced)
    {
        var sub = new Graph();
        var map = new Dictionary<Value, Value>();
        var inputs = new List<Value>();
        foreach (var n in group)
        {
            foreach (var input in n.Inputs)
            {
                if (map.ContainsKey(input)) continue;
                if (input.Node.Kind == NodeKinds.Constant && input.Type is not TensorType)
                {
                    using (sub.InsertPointAtEnd(sub.Block)) map[input] = sub.InsertConstant(input.Node.Attribute("value"));
                    continue;
                }

                map[input] = sub.AddInput(input.Type);
                inputs.Add(input);
            }

            var copy = sub.Create(n.Kind, n.Op);
            foreach (var input in n.Inputs) copy.AddInput(map[input]);
            map[n.Output] = copy.AddOutput(n.Output.Type);
            sub.Block.Append(copy);
        }

        // Values read after the group (or returned) leave it; the rest live only in the sweep's registers.
        var last = group[^1];
        var escaping = group.Select(n => n.Output).Where(v => v.Uses.Any(u => !group.Contains(u.User))).ToList();
        var node = graph.Create(NodeKinds.FusionGroup);
        node.SetAttribute(NodeKinds.Subgraph, sub);
        foreach (var v in inputs) node.AddInput(v);
        foreach (var v in escaping)
        {
            sub.AddOutput(map[v]);
            node.AddOutput(v.Type);
        }

        node.Source = group[0].Source;
        node.InsertAfter(last);
        for (int i = 0; i < escaping.Count; i++)
        {
            string? name = escaping[i].DebugName;
            escaping[i].ReplaceAllUsesWith(node.Outputs[i]);
            if (name is not null) node.Outputs[i].SetDebugName(name);
        }

        for (int i = group.Count - 1; i >= 0; i--) group[i].Destroy();
    }
}
