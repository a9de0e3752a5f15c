using System.Globalization;
using TorchJit.Kernels;

namespace TorchJit.Ir;

/// <summary>Node lines: <c>%a : T, %b : T = kind[attr=value](%in, ...)</c>, then any blocks.</summary>
public static partial class IrParser
{
    private sealed partial class ParseState
    {
        private void ParseNode(string t, int number)
        {
            int eq = FindTopLevel(t, " = ");
            string lhs = eq < 0 ? "" : t[..eq].Trim();
            string rhs = (eq < 0 ? t.TrimStart('=') : t[(eq + 3)..]).Trim();
            var outputs = lhs.Length == 0 ? [] : TypedValues(lhs, number).ToList();

            int paren = FindCallParen(rhs);
            if (paren < 0 || !rhs.EndsWith(')')) throw Error(number, $"expected 'kind(inputs)' in '{rhs}'");
            string head = rhs[..paren];
            string kind = head;
            var attributes = new List<(string, string)>();
            int bracket = head.IndexOf('[');
            if (bracket >= 0)
            {
                kind = head[..bracket];
                attributes.AddRange(SplitTopLevel(head[(bracket + 1)..^1]).Select(a => (a[..a.IndexOf('=')].Trim(), a[(a.IndexOf('=') + 1)..].Trim())));
            }

            var inputs = ValueList(rhs[(paren + 1)..^1], number).ToList();
            var op = kind.StartsWith("prim::", StringComparison.Ordinal) ? null : ResolveOp(kind, inputs, number);
            var node = Graph.Create(op?.Schema.Kind ?? kind, op);
            foreach (var v in inputs) node.AddInput(v);
            foreach (var (name, value) in attributes) node.SetAttribute(name, AttributeValue(value, outputs, number));
            foreach (var (name, type) in outputs) Define(name, node.AddOutput(type), number);
            Graph.Insert(node);

            // Sub-blocks: blockN(%i : T): ... -> (...)
            while (index < lines.Count && lines[index].Text.TrimStart().StartsWith("block", StringComparison.Ordinal))
            {
                var (bt, bn) = lines[index];
                index++;
                var block = node.AddBlock();
                string inner = Between(bt.Trim(), '(', ')', bn);
                foreach (var (name, type) in TypedValues(inner, bn)) Define(name, block.AddInput(type), bn);
                ParseBlockBody(block, isTop: false);
            }
        }

        private OpDef ResolveOp(string kind, IReadOnlyList<Value> inputs, int number)
        {
            var overloads = OpRegistry.Overloads(kind);
            if (overloads.Count == 0) throw Error(number, $"unknown op '{kind}'");
            foreach (var op in overloads)
            {
                var args = op.Schema.Arguments;
                if (args.Count != inputs.Count) continue;
                if (args.Select((a, i) => a.Type.Accepts(inputs[i].Type)).All(ok => ok)) return op;
            }

            throw Error(number, $"no overload of {kind} takes ({string.Join(", ", inputs.Select(i => i.Type))})");
        }

        private object AttributeValue(string text, List<(string Name, JitType Type)> outputs, int number)
        {
            if (text.StartsWith('"')) return System.Text.RegularExpressions.Regex.Unescape(text[1..^1]);
            if (text == "<Tensor>" || text.StartsWith('{'))
            {
                var type = outputs.Count == 1 && outputs[0].Type is TensorType { DType: { } d, Sizes: { } s } ? (d, s) : throw Error(number, "a tensor constant needs a complete tensor type");
                var tensor = Tensor.Empty(type.d, type.s);
                if (text.StartsWith('{'))
                {
                    string v = text[1..^1];
                    switch (type.d)
                    {
                        case DType.Float32: tensor.Float32Span[0] = float.Parse(v, CultureInfo.InvariantCulture); break;
                        case DType.Int64: tensor.Int64Span[0] = long.Parse(v, CultureInfo.InvariantCulture); break;
                        default: tensor.BoolSpan[0] = v != "0"; break;
                    }
                }

                return tensor;
            }

            if (text.StartsWith('[')) return text[1..^1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            bool isFloat = text.Contains('.') || text.Contains('e') || text is "inf" or "-inf" or "nan";
            if (outputs.Count == 1 && outputs[0].Type is BoolType) return text != "0";
            if (isFloat) return text switch { "inf" => double.PositiveInfinity, "-inf" => double.NegativeInfinity, "nan" => double.NaN, _ => double.Parse(text, CultureInfo.InvariantCulture) };
            return long.Parse(text, CultureInfo.InvariantCulture);
        }
    }
}
