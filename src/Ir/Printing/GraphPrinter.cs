using System.Globalization;
using System.Text;
using TorchJit.Kernels;

namespace TorchJit.Ir;

/// <summary>
/// Prints graphs as TorchScript's <c>Graph::print</c> does: the <c>graph(%a : T,\n      %b : T):</c>
/// header, one node per line at two spaces a level, <c>blockN(...):</c> … <c>-> (...)</c> for sub-blocks,
/// <c>return (...)</c>, and a <c> # File.cs:line:col</c> comment where the node's source is known.
/// </summary>
public static class GraphPrinter
{
    /// <summary>The whole graph.</summary>
    public static string Print(Graph graph, bool sourceRanges = true)
    {
        var sb = new StringBuilder("graph(");
        sb.Append(string.Join(",\n      ", graph.Inputs.Select(v => $"%{v.Name} : {v.Type}")));
        sb.Append("):\n");
        PrintNodes(sb, graph.Block, 1, sourceRanges);
        sb.Append("  return (").Append(ValueList(graph.Outputs)).Append(")\n");
        return sb.ToString();
    }

    /// <summary>One node (with its blocks) at the top indentation.</summary>
    public static string PrintNode(Node node)
    {
        var sb = new StringBuilder();
        PrintNode(sb, node, 1, true);
        return sb.ToString();
    }

    private static void PrintNodes(StringBuilder sb, Block block, int level, bool sourceRanges)
    {
        foreach (var n in block.Nodes) PrintNode(sb, n, level, sourceRanges);
    }

    private static void PrintNode(StringBuilder sb, Node n, int level, bool sourceRanges)
    {
        Indent(sb, level);
        sb.Append(string.Join(", ", n.Outputs.Select(v => $"%{v.Name} : {v.Type}")));
        sb.Append(" = ").Append(n.Kind);
        if (n.Attributes.Count > 0)
            sb.Append('[').Append(string.Join(", ", n.Attributes.Select(a => a.Key + "=" + AttributeValue(a.Value)))).Append(']');
        sb.Append('(').Append(ValueList(n.Inputs)).Append(')');
        if (sourceRanges && n.Source is { } src) sb.Append(" # ").Append(src);
        sb.Append('\n');
        for (int i = 0; i < n.Blocks.Count; i++)
        {
            var b = n.Blocks[i];
            Indent(sb, level + 1);
            sb.Append("block").Append(i).Append('(');
            sb.Append(string.Join(", ", b.Inputs.Select(v => $"%{v.Name} : {v.Type}")));
            sb.Append("):\n");
            PrintNodes(sb, b, level + 2, sourceRanges);
            Indent(sb, level + 2);
            sb.Append("-> (").Append(ValueList(b.Outputs)).Append(")\n");
        }
    }

    private static string ValueList(IEnumerable<Value> values) => string.Join(", ", values.Select(v => "%" + v.Name));

    private static void Indent(StringBuilder sb, int level) => sb.Append(' ', level * 2);

    /// <summary>An attribute value as <c>Node::printAttrValue</c> writes it.</summary>
    public static string AttributeValue(object value) => value switch
    {
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => PythonLiterals.GraphFloat(d),
        bool b => b ? "1" : "0",
        string s => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"",
        long[] list => "[" + string.Join(", ", list) + "]",
        Tensor t => TensorAttribute(t),
        _ => value.ToString() ?? "",
    };

    // A one-element tensor prints braced with C++ ostream's default 6 significant digits ({10}, {0.60863}).
    private static string TensorAttribute(Tensor t)
    {
        if (t.NumElements != 1) return "<Tensor>";
        return t.DType switch
        {
            DType.Int64 => "{" + t.Int64Span[0].ToString(CultureInfo.InvariantCulture) + "}",
            DType.Bool => "{" + (t.BoolSpan[0] ? "1" : "0") + "}",
            _ => "{" + t.Float32Span[0].ToString("G6", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal) + "}",
        };
    }
}
