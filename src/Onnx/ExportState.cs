using System.Runtime.InteropServices;
using Google.Protobuf;
using TorchJit.Onnx.Proto;

namespace TorchJit.Onnx;

/// <summary>
/// What the whole export shares: the opset, fresh names, and the main graph's initializers (weights and
/// constants), each written once per (IR constant, element type).
/// </summary>
internal sealed class ExportState(int opset, GraphProto main)
{
    private readonly HashSet<string> names = new(StringComparer.Ordinal);
    private readonly Dictionary<(object Key, ElemType Type), string> constants = [];
    private int counter;

    public int Opset { get; } = opset;

    /// <summary>A name no other value or node has: <paramref name="hint"/>, or <paramref name="hint"/>_N.</summary>
    public string FreshName(string hint)
    {
        if (names.Add(hint)) return hint;
        string name;
        do name = $"{hint}_{counter++}";
        while (!names.Add(name));
        return name;
    }

    /// <summary>Reserves a name an IR value keeps (graph inputs, debug names) so fresh names avoid it.</summary>
    public string Reserve(string name) => FreshName(name);

    /// <summary>An initializer holding <paramref name="values"/> with <paramref name="dims"/>, cached under <paramref name="key"/>.</summary>
    public string Initializer<T>(object key, string hint, ElemType type, ReadOnlySpan<T> values, IReadOnlyList<long> dims)
        where T : unmanaged
    {
        if (constants.TryGetValue((key, type), out var name)) return name;
        name = FreshName(hint);
        var tensor = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values)) };
        tensor.Dims.AddRange(dims);
        main.Initializer.Add(tensor);
        constants[(key, type)] = name;
        return name;
    }
}
