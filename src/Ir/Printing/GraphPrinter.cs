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
    public static string Print(Graph graph, bool sourceRanges = true) => new Printer(sourceRanges, canonical: false).Graph(graph);

    /// <summary>
    /// The graph as <c>torch.jit.trace</c>'s checker compares graphs (after <c>_jit_pass_canonicalize</c> and
    /// <c>_jit_pass_erase_shape_information</c>): unnamed values renumbered from 0 in order of definition and
    /// tensor types without dtype or shape, so two traces of the same code on inputs of other shapes print alike.
    /// </summary>
    public static string PrintCanonical(Graph graph, bool sourceRanges = true) => new Printer(sourceRanges, canonical: true).Graph(graph);

    /// <summary>Each top-level node of <see cref="PrintCanonical"/>, with its blocks, one string per node.</summary>
    public static IReadOnlyList<string> CanonicalNodes(Graph graph, bool sourceRanges = true)
    {
        var printer = new Printer(sourceRanges, canonical: true);
        printer.Graph(graph);
        return graph.Block.Nodes.Select(printer.Node).ToArray();
    }

    /// <summary>One node (with its blocks) at the top indentation.</summary>
    public static string PrintNode(Node node) => new Printer(true, canonical: false).Node(node);

    /// <summary>A type with tensor dtypes and shapes erased (<c>Float(2, 3, ...)</c> becomes <c>Tensor</c>), also inside lists, tuples and optionals.</summary>
    public static JitType EraseShapes(JitType type) => type switch
    {
        TensorType => TensorType.Any,
        ListType l => new ListType(EraseShapes(l.Element)),
        OptionalType o => new OptionalType(EraseShapes(o.Element)),
        TupleType t => new TupleType(t.Elements.Select(EraseShapes).ToArray()),
        _ => type,
    };

    /// <summary>
    /// An attribute value as <c>Node::printAttrValue</c> writes it (through <c>IValue::repr</c>): ints and
    /// bools as integers, floats with 17 significant digits, strings quoted, lists in brackets and an empty
    /// list annotated with its type (<c>annotate(List[int], [])</c>), tensors braced or <c>&lt;Tensor&gt;</c>.
    /// </summary>
    public static string AttributeValue(object value) => value switch
    {
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => PythonLiterals.GraphFloat(d),
        bool b => b ? "1" : "0",
        string s => QuotedString(s),
        long[] list => List("int", list.Select(l => l.ToString(CultureInfo.InvariantCulture))),
        double[] list => List("float", list.Select(PythonLiterals.GraphFloat)),
        string[] list => List("str", list.Select(QuotedString)),
        Tensor t => TensorAttribute(t),
        _ => value.ToString() ?? "",
    };

    private static string List(string element, IEnumerable<string> items)
    {
        string list = "[" + string.Join(", ", items) + "]";
        return list == "[]" ? $"annotate(List[{element}], [])" : list;
    }

    /// <summary>
    /// A string in double quotes with C escapes, as <c>c10::printQuotedString</c> writes it (both printers use
    /// it): <c>\\ \' \" \a \b \f \n \r \t \v</c>, other bytes outside printable ASCII as three octal digits of their UTF-8 bytes.
    /// </summary>
    public static string QuotedString(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (byte c in Encoding.UTF8.GetBytes(s))
        {
            switch (c)
            {
                case (byte)'\\': sb.Append("\\\\"); break;
                case (byte)'\'': sb.Append("\\'"); break;
                case (byte)'"': sb.Append("\\\""); break;
                case 7: sb.Append("\\a"); break;
                case 8: sb.Append("\\b"); break;
                case 12: sb.Append("\\f"); break;
                case 10: sb.Append("\\n"); break;
                case 13: sb.Append("\\r"); break;
                case 9: sb.Append("\\t"); break;
                case 11: sb.Append("\\v"); break;
                default:
                    if (c > 0x1f && c < 0x7f) sb.Append((char)c);
                    else sb.Append('\\').Append(System.Convert.ToString(c, 8).PadLeft(3, '0'));
                    break;
            }
        }

        return sb.Append('"').ToString();
    }

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

    private sealed class Printer(bool sourceRanges, bool canonical)
    {
        // Canonical numbering: unnamed values get 0, 1, 2... in order of definition (inputs, then nodes depth-first).
        private readonly Dictionary<Value, int> numbers = [];

        // Nodes with a subgraph (prim::FusionGroup), printed as kind_N and listed after the graph, as ir.cpp does.
        private readonly List<Node> groups = [];

        public string Graph(Graph graph)
        {
            if (canonical) Number(graph.Block);
            var sb = new StringBuilder("graph(");
            sb.Append(string.Join(",\n      ", graph.Inputs.Select(Typed)));
            sb.Append("):\n");
            foreach (var n in graph.Block.Nodes) PrintNode(sb, n, 1);
            sb.Append("  return (").Append(ValueList(graph.Outputs)).Append(")\n");
            for (int i = 0; i < groups.Count; i++)
            {
                var subgraph = (Graph)groups[i].Attribute(NodeKinds.Subgraph)!;
                sb.Append("with ").Append(groups[i].Kind).Append('_').Append(i).Append(" = ");
                sb.Append(new Printer(sourceRanges, canonical).Graph(subgraph));
            }

            return sb.ToString();
        }

        public string Node(Node node)
        {
            var sb = new StringBuilder();
            PrintNode(sb, node, 1);
            return sb.ToString();
        }

        private void Number(Block block)
        {
            foreach (var v in block.Inputs) Number(v);
            foreach (var n in block.Nodes)
            {
                foreach (var v in n.Outputs) Number(v);
                foreach (var b in n.Blocks) Number(b);
            }
        }

        private void Number(Value v)
        {
            if (v.DebugName is null) numbers[v] = numbers.Count;
        }

        private string Name(Value v) => "%" + (numbers.TryGetValue(v, out int n) ? n.ToString(CultureInfo.InvariantCulture) : v.Name);

        private string Typed(Value v) => $"{Name(v)} : {(canonical ? EraseShapes(v.Type) : v.Type)}";

        private string ValueList(IEnumerable<Value> values) => string.Join(", ", values.Select(Name));

        private void PrintNode(StringBuilder sb, Node n, int level)
        {
            Indent(sb, level);
            sb.Append(string.Join(", ", n.Outputs.Select(Typed)));
            sb.Append(" = ").Append(n.Kind);
            if (n.Attribute(NodeKinds.Subgraph) is TorchJit.Ir.Graph)
            {
                sb.Append('_').Append(groups.Count);
                groups.Add(n);
            }

            var attributes = n.Attributes.Where(a => a.Value is not TorchJit.Ir.Graph).ToList();
            if (attributes.Count > 0)
                sb.Append('[').Append(string.Join(", ", attributes.Select(a => a.Key + "=" + AttributeValue(a.Value)))).Append(']');
            sb.Append('(').Append(ValueList(n.Inputs)).Append(')');
            if (sourceRanges && n.Source is { } src) sb.Append(" # ").Append(src);
            sb.Append('\n');
            for (int i = 0; i < n.Blocks.Count; i++)
            {
                var b = n.Blocks[i];
                Indent(sb, level + 1);
                sb.Append("block").Append(i).Append('(');
                sb.Append(string.Join(", ", b.Inputs.Select(Typed)));
                sb.Append("):\n");
                foreach (var inner in b.Nodes) PrintNode(sb, inner, level + 2);
                Indent(sb, level + 2);
                sb.Append("-> (").Append(ValueList(b.Outputs)).Append(")\n");
            }
        }

        private static void Indent(StringBuilder sb, int level) => sb.Append(' ', level * 2);
    }
}
