using System.Globalization;
using System.Text;

namespace TorchJit.Ir;

/// <summary>
/// A graph as Graphviz <c>dot</c>: one box per node labelled with its kind (and attributes), each block of a
/// <c>prim::If</c> or <c>prim::Loop</c> a cluster holding its own <c>prim::Param</c> and <c>prim::Return</c>,
/// and one edge per use of a value, from the node that defines it to the node that reads it, labelled
/// with the value's name (<c>%x.1</c>).
/// <code>
///   digraph "graph" {
///     n0 [label="prim::Param", shape=ellipse];
///     n1 [label="aten::relu"];
///     n0 -> n1 [label="%x"];
///     ...
/// </code>
/// </summary>
public static class DotPrinter
{
    /// <summary>The graph as a <c>dot</c> digraph.</summary>
    public static string ToDot(this Graph graph, string name = "graph")
    {
        ArgumentNullException.ThrowIfNull(graph);
        var ids = new Dictionary<Node, string>();
        var sb = new StringBuilder();
        sb.Append("digraph ").Append(Quote(name)).Append(" {\n");
        sb.Append("  compound=true;\n");
        sb.Append("  node [shape=box, fontname=\"monospace\"];\n");
        sb.Append("  edge [fontname=\"monospace\", fontsize=10];\n");
        int clusters = 0;
        Nodes(sb, graph.Block, ids, 1, ref clusters);
        Edges(sb, graph.Block, ids);
        sb.Append("}\n");
        return sb.ToString();
    }

    private static void Nodes(StringBuilder sb, Block block, Dictionary<Node, string> ids, int level, ref int clusters)
    {
        Declare(sb, block.ParamNode, ids, level);
        foreach (var n in block.Nodes)
        {
            Declare(sb, n, ids, level);
            for (int b = 0; b < n.Blocks.Count; b++)
            {
                Indent(sb, level).Append("subgraph cluster_").Append(clusters++.ToString(CultureInfo.InvariantCulture)).Append(" {\n");
                Indent(sb, level + 1).Append("label=").Append(Quote($"{ids[n]} {n.Kind} block{b}")).Append(";\n");
                Indent(sb, level + 1).Append("style=rounded;\n");
                Nodes(sb, n.Blocks[b], ids, level + 1, ref clusters);
                Indent(sb, level).Append("}\n");
            }
        }

        Declare(sb, block.ReturnNode, ids, level);
    }

    private static void Declare(StringBuilder sb, Node n, Dictionary<Node, string> ids, int level)
    {
        string id = "n" + ids.Count.ToString(CultureInfo.InvariantCulture);
        ids[n] = id;
        string label = n.Kind;
        if (n.Attributes.Count > 0) label += "[" + string.Join(", ", n.Attributes.Select(a => a.Key + "=" + GraphPrinter.AttributeValue(a.Value))) + "]";
        Indent(sb, level).Append(id).Append(" [label=").Append(Quote(label));
        if (n.Kind is NodeKinds.Param or NodeKinds.Return) sb.Append(", shape=ellipse");
        sb.Append("];\n");
    }

    private static void Edges(StringBuilder sb, Block block, Dictionary<Node, string> ids)
    {
        foreach (var n in block.Nodes.Append(block.ReturnNode))
        {
            foreach (var input in n.Inputs)
                sb.Append("  ").Append(ids[input.Node]).Append(" -> ").Append(ids[n]).Append(" [label=").Append(Quote("%" + input.Name)).Append("];\n");
            foreach (var b in n.Blocks) Edges(sb, b, ids);
        }
    }

    private static StringBuilder Indent(StringBuilder sb, int level) => sb.Append(' ', level * 2);

    private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
