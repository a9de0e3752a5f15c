using TorchJit.Ir;

namespace TorchJit.Passes;

/// <summary>
/// Propagates concrete input types (dtype and sizes) through a graph with each op's output-type
/// function, to specialize a compiled plan and to reject input that cannot fit the model before any
/// kernel runs. A mismatch is an <see cref="ArgumentException"/> that names the input, the op, and the
/// expected and actual shapes.
/// </summary>
public static class ShapeInference
{
    /// <summary>The type of every value, given the graph inputs' types.</summary>
    public static IReadOnlyDictionary<Value, JitType> Infer(Graph graph, IReadOnlyList<JitType> inputTypes, string method = "forward")
    {
        var types = new Dictionary<Value, JitType>();
        for (int i = 0; i < graph.Inputs.Count; i++) types[graph.Inputs[i]] = inputTypes[i];
        try
        {
            InferBlock(graph.Block, types);
        }
        catch (ArgumentException e)
        {
            var described = graph.Inputs.Select((v, i) => (v, i)).Where(p => inputTypes[p.i] is TensorType)
                .Select(p => $"'{p.v.Name}' of shape {Describe(inputTypes[p.i])}");
            throw new ArgumentException($"{method}: input {string.Join(", ", described)} does not fit the model: {e.Message}", e);
        }

        return types;
    }

    private static void InferBlock(Block block, Dictionary<Value, JitType> types)
    {
        foreach (var n in block.Nodes)
        {
            if (n.Kind == NodeKinds.Loop)
            {
                InferLoop(n, types);
                continue;
            }

            foreach (var b in n.Blocks) InferBlock(b, types);
            switch (n.Kind)
            {
                case NodeKinds.Constant:
                    types[n.Output] = n.Output.Type;
                    continue;
                case NodeKinds.If:
                    for (int i = 0; i < n.Outputs.Count; i++)
                    {
                        var a = types.GetValueOrDefault(n.Blocks[0].Outputs[i], n.Outputs[i].Type);
                        var b = types.GetValueOrDefault(n.Blocks[1].Outputs[i], n.Outputs[i].Type);
                        types[n.Outputs[i]] = a.Equals(b) ? a : n.Outputs[i].Type;
                    }

                    continue;
            }

            if (n.Kind == NodeKinds.FusionGroup && n.Attribute(NodeKinds.Subgraph) is Graph subgraph)
            {
                // The group's results have the types its subgraph computes from the group's inputs.
                var inner = Infer(subgraph, [.. n.Inputs.Select(i => types.GetValueOrDefault(i, i.Type))]);
                for (int i = 0; i < n.Outputs.Count; i++) types[n.Outputs[i]] = inner.GetValueOrDefault(subgraph.Outputs[i], n.Outputs[i].Type);
            }
            else if (n.Op is { OutputType: { } fn } && n.Outputs.Count == 1)
            {
                var inputs = n.Inputs.Select(i => types.GetValueOrDefault(i, i.Type)).ToArray();
                var constants = n.Inputs.Select(i => i.Node.Kind == NodeKinds.Constant ? IValue.FromConstant(i.Node.Attribute("value")) : (IValue?)null).ToArray();
                types[n.Output] = fn(inputs, constants);
            }
            else
            {
                foreach (var o in n.Outputs) types[o] = o.Type;
            }
        }
    }

    // A carried value keeps one type across iterations when the body yields the type it was given: assume each
    // carried value has its initial type (strides aside: the body's results are dense), infer the body, and widen
    // every carried value whose yielded type differs to its declared type, until nothing changes (once per carried
    // value at most). The loop's results then have the carried types; a value that grows (y = cat(y, x)) stays
    // incomplete. Where a body op rejects the assumed types, the body is inferred with the declared ones: the body
    // may never run (trip count 0), so only what holds for every iteration may fail the input.
    private static void InferLoop(Node loop, Dictionary<Value, JitType> types)
    {
        var body = loop.Blocks[0];
        int carried = loop.Outputs.Count;
        types[body.Inputs[0]] = body.Inputs[0].Type;
        var assumed = new JitType[carried];
        for (int c = 0; c < carried; c++) assumed[c] = WithoutStrides(types.GetValueOrDefault(loop.Inputs[c + 2], loop.Inputs[c + 2].Type));
        try
        {
            while (!InferBodyOnce(body, assumed, types)) { }
        }
        catch (ArgumentException)
        {
            for (int c = 0; c < carried; c++) assumed[c] = body.Inputs[c + 1].Type;
            InferBodyOnce(body, assumed, types);
        }

        for (int c = 0; c < carried; c++)
        {
            var yielded = types.GetValueOrDefault(body.Outputs[c + 1], body.Outputs[c + 1].Type);
            types[loop.Outputs[c]] = SameType(yielded, assumed[c]) ? assumed[c] : loop.Outputs[c].Type;
        }
    }

    // One pass over the body with the assumed carried types; false (and the assumption widened) when a yielded type differs.
    private static bool InferBodyOnce(Block body, JitType[] assumed, Dictionary<Value, JitType> types)
    {
        for (int c = 0; c < assumed.Length; c++) types[body.Inputs[c + 1]] = assumed[c];
        InferBlock(body, types);
        bool stable = true;
        for (int c = 0; c < assumed.Length; c++)
        {
            var yielded = types.GetValueOrDefault(body.Outputs[c + 1], body.Outputs[c + 1].Type);
            var declared = body.Inputs[c + 1].Type;
            if (SameType(yielded, assumed[c]) || assumed[c].Equals(declared)) continue;
            assumed[c] = declared;
            stable = false;
        }

        return stable;
    }

    private static bool SameType(JitType a, JitType b) => a is TensorType ta && b is TensorType tb
        ? ta.DType is not null && ta.DType == tb.DType && ta.Sizes is { } sa && tb.Sizes is { } sb && sa.AsSpan().SequenceEqual(sb)
        : a.Equals(b);

    private static JitType WithoutStrides(JitType t) =>
        t is TensorType { Strides: not null } tensor ? new TensorType(tensor.DType, tensor.Sizes, null, tensor.RequiresGrad, tensor.Device) : t;

    private static string Describe(JitType t) => t is TensorType { Sizes: { } s, DType: { } d }
        ? $"{TorchJit.Kernels.DTypes.TorchName(d)}[{string.Join(", ", s)}]"
        : t.ToString() ?? "";
}
