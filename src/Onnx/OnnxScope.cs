using Google.Protobuf;
using TorchJit.Onnx.Proto;

namespace TorchJit.Onnx;

/// <summary>
/// One ONNX graph being written: the main graph or an If/Loop body. Nodes go to <see cref="Graph"/> in the
/// order they are emitted (the IR's order, so topological); constants go to the main graph's initializers,
/// which every sub-graph may read (ONNX's outer scope).
/// </summary>
internal sealed class OnnxScope(ExportState state, GraphProto graph)
{
    public ExportState State { get; } = state;

    public GraphProto Graph { get; } = graph;

    /// <summary>Appends a node and returns the names of its <paramref name="outputCount"/> fresh outputs.</summary>
    public string[] Emit(string opType, IReadOnlyList<string> inputs, int outputCount, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = State.FreshName(opType) };
        node.Input.AddRange(inputs);
        var outputs = new string[outputCount];
        for (int i = 0; i < outputCount; i++) outputs[i] = State.FreshName("onnx::" + opType);
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        Graph.Node.Add(node);
        return outputs;
    }

    /// <summary>Appends a one-output node.</summary>
    public string Emit1(string opType, IReadOnlyList<string> inputs, params AttributeProto[] attributes) =>
        Emit(opType, inputs, 1, attributes)[0];

    /// <summary><paramref name="e"/> as <paramref name="type"/>: itself when it already is, else a Cast.</summary>
    public Exported Cast(Exported e, ElemType type) =>
        e.Type == type ? e : e with { Name = Emit1("Cast", [e.Name], Attr.Int("to", (long)type)), Type = type };
}

/// <summary>Builds attributes.</summary>
internal static class Attr
{
    public static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Float(string name, double value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = (float)value };

    public static AttributeProto Ints(string name, IEnumerable<long> values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        a.Ints.AddRange(values);
        return a;
    }

    public static AttributeProto String(string name, string value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    public static AttributeProto Graph(string name, GraphProto value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Graph, G = value };

    public static AttributeProto Tensor(string name, TensorProto value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Tensor, T = value };
}
