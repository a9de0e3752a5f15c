using System.Globalization;
using TorchJit.Kernels;

namespace TorchJit.Ir;

/// <summary>Node lines: <c>%a : T, %b : T = kind[attr=value](%in, ...)</c>, then any blocks.</summary>
public static partial class IrParser
{
    private sealed partial class ParseState
    {
        private void ParseNode(string t, int number, SourceLocation? source)
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
                if (!head.EndsWith(']')) throw Error(number, $"expected 'name=value, ...]' after '{kind}['");
                foreach (var a in SplitTopLevel(head[(bracket + 1)..^1]))
                {
                    int equals = a.IndexOf('=');
                    if (equals < 0) throw Error(number, $"expected 'name=value' in attribute '{a}'");
                    attributes.Add((a[..equals].Trim(), a[(equals + 1)..].Trim()));
                }
            }

            var inputs = ValueList(rhs[(paren + 1)..^1], number).ToList();
            var op = kind.StartsWith("prim::", StringComparison.Ordinal) ? null : ResolveOp(kind, inputs, number);
            var node = Graph.Create(op?.Schema.Kind ?? kind, op);
            node.Source = source;
            foreach (var v in inputs) node.AddInput(v);
            foreach (var (name, value) in attributes) node.SetAttribute(name, AttributeValue(value, outputs, number));
            for (int i = 0; i < outputs.Count; i++)
            {
                var (name, declared) = outputs[i];
                Define(name, node.AddOutput(OutputType(node, i, declared, number) ?? TensorType.Any), number);
            }

            Graph.Insert(node);

            // Sub-blocks: blockN(%i : T): ... -> (...)
            while (index < lines.Count && lines[index].Text.TrimStart().StartsWith("block", StringComparison.Ordinal))
            {
                var (bt, bn, _) = lines[index];
                index++;
                var block = node.AddBlock();
                var blockInputs = TypedValues(Between(bt.Trim(), '(', ')', bn), bn).ToList();
                for (int i = 0; i < blockInputs.Count; i++)
                {
                    var (name, type) = blockInputs[i];
                    Define(name, block.AddInput(type ?? BlockInputType(node, i)), bn);
                }

                ParseBlockBody(block, isTop: false);
            }

            // Untyped outputs of control flow take the types their blocks give them.
            for (int i = 0; i < outputs.Count; i++)
            {
                if (outputs[i].Type is not null) continue;
                if (node.Kind == NodeKinds.If && node.Blocks.Count > 0 && i < node.Blocks[0].Outputs.Count) node.Outputs[i].Type = node.Blocks[0].Outputs[i].Type;
                if (node.Kind == NodeKinds.Loop && i + 2 < node.Inputs.Count) node.Outputs[i].Type = node.Inputs[i + 2].Type;
            }
        }

        // The type of an output written without one (null: decided after the blocks, or Tensor).
        private JitType? OutputType(Node node, int i, JitType? declared, int number)
        {
            if (node.Op is { } op)
            {
                var schemaType = i < op.Schema.Returns.Count ? op.Schema.Returns[i].Type : throw Error(number, $"{op.Schema.QualifiedName} has {op.Schema.Returns.Count} outputs");
                if (declared is null) return schemaType;
                if (!schemaType.Accepts(declared) && !(schemaType is NumberType && declared is NumberType))
                    throw Error(number, $"Annotated type {declared} does not match schema type {schemaType} for output {i} of {op.Schema.QualifiedName}");
                return declared;
            }

            if (declared is not null) return declared;
            switch (node.Kind)
            {
                case NodeKinds.Constant:
                    return node.Attribute("value") switch
                    {
                        null => NoneType.Instance,
                        long => IntType.Instance,
                        double => FloatType.Instance,
                        bool => BoolType.Instance,
                        string => StringType.Instance,
                        long[] => new ListType(IntType.Instance),
                        double[] => new ListType(FloatType.Instance),
                        string[] => new ListType(StringType.Instance),
                        _ => TensorType.Any,
                    };
                case NodeKinds.ListConstruct:
                    return new ListType(node.Inputs.Count > 0 ? node.Inputs[0].Type : TensorType.Any);
                case NodeKinds.TupleConstruct:
                    return new TupleType(node.Inputs.Select(v => v.Type).ToArray());
                case NodeKinds.TupleUnpack:
                    return node.Inputs.Count == 1 && node.Inputs[0].Type is TupleType tuple && i < tuple.Elements.Count ? tuple.Elements[i] : TensorType.Any;
                case NodeKinds.If or NodeKinds.Loop:
                    return null;
                default:
                    return TensorType.Any;
            }
        }

        // An untyped block input: a loop's counter is an int, its carried values have their initial values' types.
        private static JitType BlockInputType(Node node, int i)
        {
            if (node.Kind != NodeKinds.Loop) return TensorType.Any;
            if (i == 0) return IntType.Instance;
            return i + 1 < node.Inputs.Count ? node.Inputs[i + 1].Type : TensorType.Any;
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

        private object AttributeValue(string text, List<(string Name, JitType? Type)> outputs, int number)
        {
            if (text.StartsWith('"')) return Unquote(text, number);
            if (text == "<Tensor>" || text.StartsWith('{')) return TensorAttribute(text, outputs, number);
            // An empty list is annotated with its type: annotate(List[int], [])
            var annotated = System.Text.RegularExpressions.Regex.Match(text, @"^annotate\(List\[(?<t>\w+)\],\s*\[\]\)$");
            if (annotated.Success)
            {
                return annotated.Groups["t"].Value switch
                {
                    "int" => Array.Empty<long>(),
                    "float" => Array.Empty<double>(),
                    "str" => Array.Empty<string>(),
                    _ => throw Error(number, $"cannot read an empty list of {annotated.Groups["t"].Value}"),
                };
            }

            if (text.StartsWith('['))
            {
                var items = SplitTopLevel(text[1..^1]);
                if (items.Count == 0) return Array.Empty<long>();
                if (items.All(i => i.StartsWith('"'))) return items.Select(i => Unquote(i, number)).ToArray();
                if (items.Any(IsFloatLiteral)) return items.Select(i => ParseFloat(i, number)).ToArray();
                return items.Select(i => ParseInt(i, number)).ToArray();
            }

            if (outputs.Count == 1 && outputs[0].Type is BoolType) return text != "0";
            if (IsFloatLiteral(text)) return ParseFloat(text, number);
            return ParseInt(text, number);
        }

        private Tensor TensorAttribute(string text, List<(string Name, JitType? Type)> outputs, int number)
        {
            var (dtype, sizes) = outputs.Count == 1 && outputs[0].Type is TensorType { DType: { } d, Sizes: { } s }
                ? (d, s)
                : throw Error(number, "a tensor constant needs a complete tensor type (e.g. Float(2, strides=[1], requires_grad=0, device=cpu))");
            var tensor = Tensor.Empty(dtype, sizes);
            if (text.StartsWith('{'))
            {
                if (tensor.NumElements != 1) throw Error(number, $"a braced tensor constant {text} needs a one-element type");
                string v = text[1..^1];
                switch (dtype)
                {
                    case DType.Float32: tensor.Float32Span[0] = float.Parse(v, CultureInfo.InvariantCulture); break;
                    case DType.Int64: tensor.Int64Span[0] = long.Parse(v, CultureInfo.InvariantCulture); break;
                    default: tensor.BoolSpan[0] = v != "0"; break;
                }
            }

            return tensor;
        }

        private static bool IsFloatLiteral(string text) =>
            text.Contains('.') || text.Contains('e') || text.Contains('E') || text is "inf" or "-inf" or "nan";

        private double ParseFloat(string text, int number) => text switch
        {
            "inf" => double.PositiveInfinity,
            "-inf" => double.NegativeInfinity,
            "nan" => double.NaN,
            _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : throw Error(number, $"cannot read '{text}' as a float"),
        };

        private long ParseInt(string text, int number) =>
            long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long l) ? l : throw Error(number, $"cannot read '{text}' as an int");

        // The inverse of GraphPrinter.QuotedString: C escapes, octal escapes of UTF-8 bytes.
        private string Unquote(string text, int number)
        {
            if (text.Length < 2 || !text.EndsWith('"')) throw Error(number, $"unterminated string {text}");
            var bytes = new List<byte>();
            for (int i = 1; i < text.Length - 1; i++)
            {
                char c = text[i];
                if (c != '\\')
                {
                    bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(c.ToString()));
                    continue;
                }

                if (++i >= text.Length - 1) throw Error(number, $"dangling '\\' in {text}");
                c = text[i];
                switch (c)
                {
                    case 'a': bytes.Add(7); break;
                    case 'b': bytes.Add(8); break;
                    case 'f': bytes.Add(12); break;
                    case 'n': bytes.Add(10); break;
                    case 'r': bytes.Add(13); break;
                    case 't': bytes.Add(9); break;
                    case 'v': bytes.Add(11); break;
                    case >= '0' and <= '7':
                        int value = 0, digits = 0;
                        while (digits < 3 && i < text.Length - 1 && text[i] is >= '0' and <= '7')
                        {
                            value = (value * 8) + (text[i] - '0');
                            i++;
                            digits++;
                        }

                        i--;
                        bytes.Add((byte)value);
                        break;
                    default: bytes.Add((byte)c); break;
                }
            }

            return System.Text.Encoding.UTF8.GetString(bytes.ToArray());
        }
    }
}
