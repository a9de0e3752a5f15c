using TorchJit.Ir;
using TorchJit.Passes;

namespace TorchJit.Runtime;

/// <summary>
/// The complete type of every value a signature fixes: shape inference's where the op has a type function, and
/// otherwise the shape one profiling run observed (as PyTorch's profiling executor records shapes) — but only for
/// a value whose node reads nothing but constants and values already static, outside loops, observed with one
/// shape. Those shapes follow from the signature alone, so the first run's are every run's; anything else (a
/// size computed from data, a branch result whose branches disagree) stays unknown and is not planned. Strides
/// are the observed ones, or unknown where the run did not reach.
/// </summary>
internal static class StaticShapes
{
    /// <summary>The static types of <paramref name="graph"/>'s values for <paramref name="input"/>; runs the graph once.</summary>
    public static Dictionary<Value, JitType> Of(Graph graph, Tensor input)
    {
        IReadOnlyList<JitType> inputTypes = [graph.Inputs[0].Type, TensorType.Of(input)];
        var inferred = ShapeInference.Infer(graph, inputTypes);
        var observed = new Dictionary<Value, TensorType?>();
        Interpreter.Run(graph, (v, value) => Observe(observed, v, value), IValue.None, IValue.From(input));

        var types = new Dictionary<Value, JitType>();
        foreach (var (v, t) in inferred)
            if (IsComplete(t) || t is not TensorType) types[v] = t;
        Visit(graph.Block, types, observed);

        // Strides only as observed: type functions assume dense results, which views are not. A value the run did
        // not reach (the branch not taken) has unknown strides.
        foreach (var (v, t) in types.ToList())
        {
            if (t is TensorType tensor && v.Node != graph.Block.ParamNode)
                types[v] = new TensorType(tensor.DType, tensor.Sizes, observed.GetValueOrDefault(v)?.Strides, false, "cpu");
        }

        return types;
    }

    private static void Observe(Dictionary<Value, TensorType?> observed, Value v, IValue value)
    {
        if (value.Kind != IValueKind.Tensor) return;
        var t = value.ToTensor();
        var type = new TensorType(t.DType, t.Shape.ToArray(), t.Stride.ToArray(), false, "cpu");
        if (!observed.TryGetValue(v, out var seen)) observed[v] = type;
        else if (seen is not null && !seen.Equals(type)) observed[v] = null; // two shapes: not static
    }

    private static void Visit(Block block, Dictionary<Value, JitType> types, Dictionary<Value, TensorType?> observed)
    {
        foreach (var n in block.Nodes)
        {
            if (n.Kind == NodeKinds.Loop) continue;
            foreach (var b in n.Blocks) Visit(b, types, observed);
            if (n.Kind is NodeKinds.If || n.Outputs.Count == 0) continue;
            // A number or list read by the op is static only as a constant: a size computed at run time may come from data.
            bool staticInputs = n.Inputs.All(i => i.Node.Kind == NodeKinds.Constant || (types.TryGetValue(i, out var t) && IsComplete(t)));
            if (!staticInputs) continue;
            foreach (var o in n.Outputs)
            {
                if (types.TryGetValue(o, out var known) && IsComplete(known)) continue;
                if (observed.GetValueOrDefault(o) is { } seen) types[o] = seen;
            }
        }
    }

    private static bool IsComplete(JitType t) => t is TensorType { Sizes: not null, DType: not null };
}
