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

            if (n.Op is { OutputType: { } fn } && n.Outputs.Count == 1)
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

    private static string Describe(JitType t) => t is TensorType { Sizes: { } s, DType: { } d }
        ? $"{TorchJit.Kernels.DTypes.TorchName(d)}[{string.Join(", ", s)}]"
        : t.ToString() ?? "";
}
