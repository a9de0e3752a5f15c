using System.Globalization;
using TorchJit.Kernels;

namespace TorchJit.Ir;

/// <summary>Reads type text as graphs print it: <c>Float(2, 3, strides=[3, 1], requires_grad=0, device=cpu)</c>, <c>int</c>, <c>__torch__.M</c>.</summary>
internal static class TypeParser
{
    public static JitType Parse(string text, int line)
    {
        switch (text)
        {
            case "Tensor": return TensorType.Any;
            case "int": return IntType.Instance;
            case "float": return FloatType.Instance;
            case "bool": return BoolType.Instance;
            case "str": return StringType.Instance;
            case "NoneType": return NoneType.Instance;
            case "Scalar": return NumberType.Instance;
            case "Function": return FunctionType.Unresolved;
        }

        if (text.EndsWith('?')) return new OptionalType(Parse(text[..^1], line));
        if (text.EndsWith("[]", StringComparison.Ordinal)) return new ListType(Parse(text[..^2], line));
        if (text.StartsWith('(')) return new TupleType(SplitTypes(text[1..^1]).Select(t => Parse(t, line)).ToArray());
        if (text.Contains("::", StringComparison.Ordinal) || text.StartsWith("__torch__", StringComparison.Ordinal)) return new ClassType(text);
        foreach (var dtype in Enum.GetValues<DType>())
        {
            string name = DTypes.TorchName(dtype);
            if (text == name + "Tensor") return new TensorType(dtype, null, null);
            if (text.StartsWith(name + "(", StringComparison.Ordinal) && text.EndsWith(')')) return Complete(dtype, text[(name.Length + 1)..^1], line);
        }

        throw new FormatException($"IR line {line}: unknown type '{text}'");
    }

    private static TensorType Complete(DType dtype, string body, int line)
    {
        var sizes = new List<int>();
        int[]? strides = null;
        bool? requiresGrad = null;
        string? device = null;
        foreach (var part in SplitTypes(body))
        {
            if (part.StartsWith("strides=", StringComparison.Ordinal))
                strides = part["strides=".Length..].Trim('[', ']').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            else if (part.StartsWith("requires_grad=", StringComparison.Ordinal)) requiresGrad = part.EndsWith('1');
            else if (part.StartsWith("device=", StringComparison.Ordinal)) device = part["device=".Length..];
            else if (int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out int s)) sizes.Add(s);
            else throw new FormatException($"IR line {line}: cannot read '{part}' in a tensor type");
        }

        return new TensorType(dtype, [.. sizes], strides ?? (sizes.Count == 0 ? [] : null), requiresGrad, device);
    }

    private static IEnumerable<string> SplitTypes(string text)
    {
        int depth = 0, start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] is '(' or '[') depth++;
            else if (text[i] is ')' or ']') depth--;
            else if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i].Trim();
                start = i + 1;
            }
        }

        if (text[start..].Trim().Length > 0) yield return text[start..].Trim();
    }
}
