namespace TorchJit.Onnx;

/// <summary>Maps one node to ONNX nodes (torch.onnx's symbolic functions).</summary>
internal delegate void Symbolic(NodeContext c);

/// <summary>
/// The table of symbolic functions, keyed by qualified op name (<c>aten::add.int</c>) or, for every overload
/// of a kind, by kind (<c>aten::relu</c>). A node whose key is in neither raises an <see cref="OnnxExportException"/> naming it.
/// </summary>
internal static partial class Symbolics
{
    private static readonly Dictionary<string, Symbolic> Table = Build();

    public static bool TryGet(string qualifiedName, string kind, out Symbolic symbolic) =>
        Table.TryGetValue(qualifiedName, out symbolic!) || Table.TryGetValue(kind, out symbolic!);

    /// <summary>Every key with a mapping (for documentation and tests).</summary>
    public static IEnumerable<string> Keys => Table.Keys;

    private static Dictionary<string, Symbolic> Build()
    {
        var table = new Dictionary<string, Symbolic>(StringComparer.Ordinal);
        AddElementwise(table);
        AddNumbers(table);
        AddShapes(table);
        AddReductions(table);
        AddNn(table);
        AddStructure(table);
        return table;
    }
}
