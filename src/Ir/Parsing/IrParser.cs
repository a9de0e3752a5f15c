using System.Globalization;
using TorchJit.Kernels;

namespace TorchJit.Ir;

/// <summary>
/// Reads the text <see cref="GraphPrinter"/> writes (TorchScript's <c>parse_ir</c>): a header with
/// inputs, node lines, <c>blockN(...):</c> … <c>-> (...)</c> blocks and <c>return (...)</c>. Op kinds are
/// resolved to a registry overload by their input types. <c>#</c> comments (and so FileCheck lines) are
/// skipped. Types are optional, as in <c>parse_ir</c>: an untyped input is a <c>Tensor</c>, an untyped op
/// output takes the schema's return type (a declared one must fit it), and untyped structure outputs are
/// inferred (a constant from its value, a list or tuple from its elements, <c>prim::If</c> and
/// <c>prim::Loop</c> from their blocks and carried values). A node's trailing <c># File.cs:12:9</c> reads
/// back as its source location, so graphs with source comments round-trip. Tensor constants print as <c>{v}</c> (one
/// element) or <c>&lt;Tensor&gt;</c>, which reads back as zeros of the declared type, as
/// <c>parse_ir(parse_tensor_constants=True)</c> does.
/// </summary>
public static partial class IrParser
{
    /// <summary>Parses one graph; throws <see cref="FormatException"/> naming the line on error.</summary>
    public static Graph Parse(string text)
    {
        var lines = text.Split('\n')
            .Select((l, i) => (Text: StripComment(l).TrimEnd(), Number: i + 1, Line: l))
            .Where(l => l.Text.Trim().Length > 0)
            .ToList();
        var state = new ParseState(new Graph(), lines);
        state.ParseHeader();
        state.ParseBlockBody(state.Graph.Block, isTop: true);
        return state.Graph;
    }

    // The comment the graph printer puts after a node: ' # File.cs:12:9'.
    private static SourceLocation? SourceComment(string line)
    {
        string code = StripComment(line);
        if (code.Length == line.Length) return null;
        var m = System.Text.RegularExpressions.Regex.Match(line[code.Length..], @"^#\s*(?<file>\S.*):(?<line>\d+):(?<col>\d+)\s*$");
        return m.Success
            ? new SourceLocation(m.Groups["file"].Value, int.Parse(m.Groups["line"].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups["col"].Value, CultureInfo.InvariantCulture))
            : null;
    }

    private static string StripComment(string line)
    {
        bool inString = false;
        for (int i = 0; i < line.Length; i++)
        {
            if (inString && line[i] == '\\')
            {
                i++; // an escaped character, perhaps a quote
                continue;
            }

            if (line[i] == '"') inString = !inString;
            if (line[i] == '#' && !inString) return line[..i];
        }

        return line;
    }

    private sealed partial class ParseState(Graph graph, List<(string Text, int Number, string Line)> lines)
    {
        private readonly Dictionary<string, Value> values = new(StringComparer.Ordinal);
        private int index;

        public Graph Graph { get; } = graph;

        public void ParseHeader()
        {
            // The header may span lines: graph(%a : T,\n      %b : T):
            var header = new System.Text.StringBuilder();
            while (index < lines.Count)
            {
                header.Append(lines[index].Text.Trim());
                index++;
                if (header.ToString().EndsWith("):", StringComparison.Ordinal)) break;
            }

            string h = header.ToString();
            int open = h.IndexOf('(');
            if (open < 0 || !h.EndsWith("):", StringComparison.Ordinal)) throw Error(1, "expected 'graph(...):'");
            foreach (var (name, type) in TypedValues(h[(open + 1)..^2], 1))
                Define(name, Graph.AddInput(type ?? TensorType.Any), 1); // an untyped input is a Tensor, as in parse_ir
        }

        public void ParseBlockBody(Block block, bool isTop)
        {
            using var insert = Graph.InsertPointAtEnd(block);
            while (index < lines.Count)
            {
                var (text, number, line) = lines[index];
                string t = text.Trim();
                if (isTop && t.StartsWith("return", StringComparison.Ordinal))
                {
                    index++;
                    foreach (var v in ValueList(Between(t, '(', ')', number), number)) block.AddOutput(v);
                    return;
                }

                if (!isTop && t.StartsWith("->", StringComparison.Ordinal))
                {
                    index++;
                    foreach (var v in ValueList(Between(t, '(', ')', number), number)) block.AddOutput(v);
                    return;
                }

                index++;
                ParseNode(t, number, SourceComment(line));
            }

            throw Error(lines.Count == 0 ? 1 : lines[^1].Number, isTop ? "missing 'return (...)'" : "missing '-> (...)' at the end of a block");
        }

        private FormatException Error(int line, string what) => new($"IR line {line}: {what}");
    }
}
