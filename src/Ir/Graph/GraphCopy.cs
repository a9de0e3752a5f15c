namespace TorchJit.Ir;

/// <summary>Copies nodes between graphs: the basis of inlining.</summary>
public static class GraphCopy
{
    /// <summary>
    /// Inserts a copy of <paramref name="callee"/>'s body at <paramref name="graph"/>'s insert point, with
    /// the callee's inputs bound to <paramref name="inputs"/>; returns the copies of its outputs.
    /// </summary>
    public static IReadOnlyList<Value> InsertGraph(Graph graph, Graph callee, IReadOnlyList<Value> inputs)
    {
        if (inputs.Count != callee.Inputs.Count)
            throw new ArgumentException($"graph takes {callee.Inputs.Count} inputs, got {inputs.Count}");
        var map = new Dictionary<Value, Value>();
        for (int i = 0; i < inputs.Count; i++) map[callee.Inputs[i]] = inputs[i];
        CopyNodes(graph, callee.Block, map);
        return callee.Outputs.Select(o => map[o]).ToArray();
    }

    /// <summary>
    /// Inserts a copy of <paramref name="block"/>'s nodes (of the same graph) at the insert point, with its
    /// inputs bound to <paramref name="inputs"/>; values the block reads from enclosing scopes stay as they are.
    /// Returns the copies of its outputs (loop unrolling, branch inlining).
    /// </summary>
    public static IReadOnlyList<Value> InsertBlock(Graph graph, Block block, IReadOnlyList<Value> inputs)
    {
        if (inputs.Count != block.Inputs.Count)
            throw new ArgumentException($"block takes {block.Inputs.Count} inputs, got {inputs.Count}");
        var map = new Dictionary<Value, Value>();
        for (int i = 0; i < inputs.Count; i++) map[block.Inputs[i]] = inputs[i];
        CopyNodes(graph, block, map);
        return block.Outputs.Select(o => map.GetValueOrDefault(o, o)).ToArray();
    }

    /// <summary>A copy of <paramref name="graph"/> with fresh inputs of the same types and names.</summary>
    public static Graph Clone(Graph graph)
    {
        var copy = new Graph();
        var inputs = graph.Inputs.Select(i => copy.AddInput(i.Type, i.DebugName)).ToArray();
        foreach (var o in InsertGraph(copy, graph, inputs)) copy.AddOutput(o);
        return copy;
    }

    private static void CopyNodes(Graph graph, Block source, Dictionary<Value, Value> map)
    {
        foreach (var n in source.Nodes)
        {
            var copy = graph.Create(n.Kind, n.Op);
            copy.Source = n.Source;
            foreach (var a in n.Attributes) copy.SetAttribute(a.Key, a.Value);
            foreach (var i in n.Inputs) copy.AddInput(map.GetValueOrDefault(i, i)); // outer-scope values stay
            foreach (var o in n.Outputs)
            {
                var v = copy.AddOutput(o.Type);
                if (o.DebugName is { } name) v.SetDebugName(name);
                map[o] = v;
            }

            graph.Insert(copy);
            foreach (var b in n.Blocks)
            {
                var nb = copy.AddBlock();
                foreach (var bi in b.Inputs) map[bi] = nb.AddInput(bi.Type, bi.DebugName);
                using (graph.InsertPointAtEnd(nb)) CopyNodes(graph, b, map);
                foreach (var bo in b.Outputs) nb.AddOutput(map.GetValueOrDefault(bo, bo));
            }
        }
    }
}
