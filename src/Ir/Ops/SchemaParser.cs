using System.Globalization;

namespace TorchJit.Ir;

/// <summary>Reads the schema language of <c>native_functions.yaml</c> / <c>FunctionSchema</c> (the subset the registry uses).</summary>
internal static class SchemaParser
{
    public static OpSchema Parse(string text)
    {
        var p = new Cursor(text);
        string qualified = p.Identifier(allowDots: true, allowColons: true);
        int sep = qualified.IndexOf("::", StringComparison.Ordinal);
        if (sep < 0) throw p.Error("expected 'namespace::name'");
        string ns = qualified[..sep];
        string rest = qualified[(sep + 2)..];
        int dot = rest.IndexOf('.');
        string name = dot < 0 ? rest : rest[..dot];
        string overload = dot < 0 ? "" : rest[(dot + 1)..];

        p.Expect('(');
        var args = new List<Argument>();
        bool kwargOnly = false;
        while (!p.TryEat(')'))
        {
            if (args.Count > 0 || kwargOnly) p.Expect(',');
            if (p.TryEat('*'))
            {
                kwargOnly = true;
                continue;
            }

            args.Add(ParseArgument(p, kwargOnly, isReturn: false));
        }

        p.ExpectArrow();
        var returns = new List<Argument>();
        if (p.TryEat('('))
        {
            while (!p.TryEat(')'))
            {
                if (returns.Count > 0) p.Expect(',');
                returns.Add(ParseArgument(p, false, isReturn: true));
            }
        }
        else
        {
            returns.Add(ParseArgument(p, false, isReturn: true));
        }

        p.End();
        return new OpSchema(ns, name, overload, args, returns, text);
    }

    private static Argument ParseArgument(Cursor p, bool kwargOnly, bool isReturn)
    {
        JitType type = ParseType(p);
        string name = isReturn && !p.AtIdentifier() ? "" : p.Identifier(false, false);
        if (!p.TryEat('=')) return new Argument(name, type, false, null, kwargOnly);
        return new Argument(name, type, true, ParseDefault(p, type), kwargOnly);
    }

    private static JitType ParseType(Cursor p)
    {
        string word = p.Identifier(false, false);
        JitType type = word switch
        {
            "Tensor" => TensorType.Any,
            "SymInt" => IntType.Instance,
            "int" or "ScalarType" or "Layout" or "MemoryFormat" => IntType.Instance,
            "float" => FloatType.Instance,
            "bool" => BoolType.Instance,
            "str" => StringType.Instance,
            "Scalar" => NumberType.Instance,
            _ => throw p.Error($"unknown type '{word}'"),
        };
        if (p.TryEat('('))
        {
            // Alias annotations such as Tensor(a!) are read and ignored: the registry has no in-place ops yet.
            while (!p.TryEat(')')) p.Skip();
        }

        while (true)
        {
            if (p.TryEat('['))
            {
                p.SkipDigits();
                p.Expect(']');
                type = new ListType(type);
            }
            else if (p.TryEat('?'))
            {
                type = new OptionalType(type);
            }
            else
            {
                return type;
            }
        }
    }

    private static object? ParseDefault(Cursor p, JitType type)
    {
        string token = p.DefaultToken();
        if (token == "None") return null;
        if (token == "True") return true;
        if (token == "False") return false;
        if (token.StartsWith('[')) return token.Trim('[', ']').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        if (token.StartsWith('"') || token.StartsWith('\'')) return token[1..^1];
        bool isFloat = token.Contains('.') || token.Contains('e') || type is FloatType || type is OptionalType { Element: FloatType };
        if (isFloat) return double.Parse(token, CultureInfo.InvariantCulture);
        long value = long.Parse(token, CultureInfo.InvariantCulture);
        // `int[2] stride=1` means [1, 1]: a scalar default of a list argument is one element the op repeats.
        return type is ListType or OptionalType { Element: ListType } ? new[] { value } : value;
    }

    private sealed class Cursor(string text)
    {
        private int pos;

        public FormatException Error(string what) => new($"schema '{text}': {what} at column {pos + 1}");

        private void SkipSpace()
        {
            while (pos < text.Length && char.IsWhiteSpace(text[pos])) pos++;
        }

        public bool AtIdentifier()
        {
            SkipSpace();
            return pos < text.Length && (char.IsLetter(text[pos]) || text[pos] == '_');
        }

        public string Identifier(bool allowDots, bool allowColons)
        {
            SkipSpace();
            int start = pos;
            while (pos < text.Length && (char.IsLetterOrDigit(text[pos]) || text[pos] == '_' || (allowDots && text[pos] == '.') || (allowColons && text[pos] == ':'))) pos++;
            if (pos == start) throw Error("expected an identifier");
            return text[start..pos];
        }

        public void Expect(char c)
        {
            if (!TryEat(c)) throw Error($"expected '{c}'");
        }

        public bool TryEat(char c)
        {
            SkipSpace();
            if (pos < text.Length && text[pos] == c)
            {
                pos++;
                return true;
            }

            return false;
        }

        public void ExpectArrow()
        {
            SkipSpace();
            if (pos + 1 >= text.Length || text[pos] != '-' || text[pos + 1] != '>') throw Error("expected '->'");
            pos += 2;
        }

        public void Skip() => pos++;

        public void SkipDigits()
        {
            while (pos < text.Length && char.IsAsciiDigit(text[pos])) pos++;
        }

        public string DefaultToken()
        {
            SkipSpace();
            int start = pos;
            if (pos < text.Length && text[pos] == '[')
            {
                while (pos < text.Length && text[pos] != ']') pos++;
                pos++;
            }
            else
            {
                while (pos < text.Length && text[pos] != ',' && text[pos] != ')') pos++;
            }

            return text[start..pos].Trim();
        }

        public void End()
        {
            SkipSpace();
            if (pos != text.Length) throw Error("unexpected text after the schema");
        }
    }
}
