namespace TorchJit.Ir;

/// <summary>Value lists, typed value lists and bracket-aware splitting.</summary>
public static partial class IrParser
{
    private sealed partial class ParseState
    {
        private void Define(string name, Value v, int number)
        {
            if (!name.StartsWith('%')) throw Error(number, $"expected a value name, got '{name}'");
            string n = name[1..];
            if (values.ContainsKey(n)) throw Error(number, $"value %{n} is defined twice");
            values[n] = v;
            if (!n.All(char.IsAsciiDigit))
            {
                v.SetDebugName(n);
                return;
            }

            // A numbered value keeps its number, so printing what was parsed gives the same text.
            v.Unique = int.Parse(n, System.Globalization.CultureInfo.InvariantCulture);
            Graph.ReserveUnique(v.Unique);
        }

        private IEnumerable<Value> ValueList(string text, int number)
        {
            foreach (var part in SplitTopLevel(text))
            {
                string n = part.Trim();
                if (!n.StartsWith('%')) throw Error(number, $"expected a value, got '{n}'");
                yield return values.TryGetValue(n[1..], out var v) ? v : throw Error(number, $"cannot find a value named {n}");
            }
        }

        // '%a : T, %b' -> (name, type or null when not written).
        private IEnumerable<(string Name, JitType? Type)> TypedValues(string text, int number)
        {
            foreach (var part in SplitTopLevel(text))
            {
                int colon = part.IndexOf(':', StringComparison.Ordinal);
                if (colon < 0) yield return (part.Trim(), null);
                else yield return (part[..colon].Trim(), TypeParser.Parse(part[(colon + 1)..].Trim(), number));
            }
        }

        private string Between(string text, char open, char close, int number)
        {
            int a = text.IndexOf(open);
            int b = text.LastIndexOf(close);
            if (a < 0 || b < a) throw Error(number, $"expected '{open}...{close}' in '{text}'");
            return text[(a + 1)..b];
        }
    }

    private static List<string> SplitTopLevel(string text)
    {
        var parts = new List<string>();
        int depth = 0, start = 0;
        bool inString = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (inString && c == '\\')
            {
                i++; // an escaped character, perhaps a quote
                continue;
            }

            if (c == '"') inString = !inString;
            if (inString) continue;
            if (c is '(' or '[' or '{' or '<') depth++;
            else if (c is ')' or ']' or '}' or '>') depth--;
            else if (c == ',' && depth == 0)
            {
                parts.Add(text[start..i]);
                start = i + 1;
            }
        }

        if (text[start..].Trim().Length > 0) parts.Add(text[start..]);
        return parts.Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
    }

    private static int FindTopLevel(string text, string token)
    {
        int depth = 0;
        bool inString = false;
        for (int i = 0; i + token.Length <= text.Length; i++)
        {
            char c = text[i];
            if (inString && c == '\\')
            {
                i++; // an escaped character, perhaps a quote
                continue;
            }

            if (c == '"') inString = !inString;
            if (inString) continue;
            if (c is '(' or '[' or '{') depth++;
            else if (c is ')' or ']' or '}') depth--;
            if (depth == 0 && string.CompareOrdinal(text, i, token, 0, token.Length) == 0) return i;
        }

        return -1;
    }

    // The '(' that opens the inputs: the first one after any [attributes].
    private static int FindCallParen(string rhs)
    {
        int depth = 0;
        bool inString = false;
        for (int i = 0; i < rhs.Length; i++)
        {
            char c = rhs[i];
            if (inString && c == '\\')
            {
                i++; // an escaped character, perhaps a quote
                continue;
            }

            if (c == '"') inString = !inString;
            if (inString) continue;
            if (c == '[') depth++;
            else if (c == ']') depth--;
            else if (c == '(' && depth == 0) return i;
        }

        return -1;
    }
}
