namespace TorchJit.Ir;

/// <summary>
/// Building <c>prim::FusionGroup</c> nodes from runs of fusible nodes, the one way both the fuser pass and the
/// runtime's plans (which also wrap single ops, to run them as compiled loops) do it. Number constants are copied
/// into the subgraph, as TorchScript's fusers do; tensors, including constant weights, come in as group inputs,
/// each once, in the order the group first reads them.
/// </summary>
public static class FusionGroups
{
    /// <summary>
    /// The subgraph <paramref name="group"/> would run, without changing the graph: its inputs are
    /// <paramref name="inputs"/> (in order), its outputs <paramref name="escaping"/>: the results read after the
    /// group or returned.
    /// </summary>
    public static Graph Subgraph(IReadOnlyList<Node> group, out List<Value> inputs, out List<Value> escaping)
    {
        ArgumentNullException.ThrowIfNull(group);
        var sub = new Graph();
        var map = new Dictionary<Value, Value>();
        inputs = [];
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
        var members = group.ToHashSet();
        escaping = group.Select(n => n.Output).Where(v => v.Uses.Any(u => !members.Contains(u.User))).ToList();
        foreach (var v in escaping) sub.AddOutput(map[v]);
        return sub;
    }

    /// <summary>
    /// Replaces <paramref name="group"/> (consecutive nodes of one block) with a <c>prim::FusionGroup</c> running
    /// <see cref="Subgraph"/>; its outputs take over the escaping values' uses and names.
    /// </summary>
    public static Node Fuse(Graph graph, IReadOnlyList<Node> group)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var sub = Subgraph(group, out var inputs, out var escaping);
        var node = graph.Create(NodeKinds.FusionGroup);
        node.SetAttribute(NodeKinds.Subgraph, sub);
        foreach (var v in inputs) node.AddInput(v);
        foreach (var v in escaping) node.AddOutput(v.Type);
        node.Source = group[0].Source;
        node.InsertAfter(group[^1]);
        for (int i = 0; i < escaping.Count; i++)
        {
            string? name = escaping[i].DebugName;
            escaping[i].ReplaceAllUsesWith(node.Outputs[i]);
            if (name is not null) node.Outputs[i].SetDebugName(name);
        }

        for (int i = group.Count - 1; i >= 0; i--) group[i].Destroy();
        return node;
    }
}
