using System.Globalization;

namespace TorchJit.Ir;

/// <summary>Expressions: how each node kind reads as TorchScript code.</summary>
public sealed partial class CodePrinter
{
    private string Expr(Value v) => inlined.Contains(v.Node) ? NodeExpr(v.Node) : NameOf(v);

    private string NodeExpr(Node n)
    {
        switch (n.Kind)
        {
            case NodeKinds.Constant:
                return ConstantExpr(n);
            case NodeKinds.GetAttr:
                string attr = n.StringAttribute("name");
                string receiver = Expr(n.Inputs[0]);
                return IsIdentifier(attr) ? receiver + "." + attr : $"getattr({receiver}, \"{attr}\")";
            case NodeKinds.CallMethod:
                return $"({Expr(n.Inputs[0])}).{n.StringAttribute("name")}({string.Concat(n.Inputs.Skip(1).Select(i => Expr(i) + ", "))})";
            case NodeKinds.ListConstruct:
                return "[" + string.Join(", ", n.Inputs.Select(Expr)) + "]";
            case NodeKinds.TupleConstruct:
                return n.Inputs.Count == 1 ? $"({Expr(n.Inputs[0])},)" : "(" + string.Join(", ", n.Inputs.Select(Expr)) + ")";
            case NodeKinds.TupleUnpack:
                return Expr(n.Inputs[0]);
        }

        if (n.Op is not { } op) throw new NotSupportedException($"code printer: node kind {n.Kind} is not supported");
        switch (op.Schema.Kind)
        {
            case "aten::Bool": return $"bool({Expr(n.Inputs[0])})";
            case "aten::Float": return $"float({Expr(n.Inputs[0])})";
            case "aten::Int": return $"int({Expr(n.Inputs[0])})";
            case "aten::__not__": return $"not {Expr(n.Inputs[0])}";
        }

        return CallExpr(op, n);
    }

    private string CallExpr(OpDef op, Node n)
    {
        var args = op.Schema.Arguments;
        int count = n.Inputs.Count;
        // Trailing arguments equal to their default are left out (python_print's "necessary arguments").
        while (count > 0 && args[count - 1].HasDefault && IsDefault(n.Inputs[count - 1], args[count - 1])) count--;
        var parts = new List<string>(count);
        for (int i = 0; i < count; i++)
            parts.Add(args[i].KwargOnly ? args[i].Name + "=" + Expr(n.Inputs[i]) : Expr(n.Inputs[i]));
        string prefix = op.Schema.Namespace == "aten" ? "torch." : $"ops.{op.Schema.Namespace}.";
        return prefix + op.Schema.Name + "(" + string.Join(", ", parts) + ")";
    }

    private static bool IsDefault(Value v, Argument arg)
    {
        if (v.Node.Kind != NodeKinds.Constant) return false;
        object? value = v.Node.Attribute("value");
        return (value, arg.Default) switch
        {
            (null, null) => true,
            (long a, long b) => a == b,
            (double a, double b) => a.Equals(b),
            (long a, double b) => a == b,
            (bool a, bool b) => a == b,
            (string a, string b) => a == b,
            (long[] a, long[] b) => a.AsSpan().SequenceEqual(b),
            _ => false,
        };
    }

    private string ConstantExpr(Node n)
    {
        object? value = n.Attribute("value");
        switch (value)
        {
            case null: return "None";
            case long l: return l.ToString(CultureInfo.InvariantCulture);
            case double d: return PythonLiterals.Float(d);
            case bool b: return b ? "True" : "False";
            case string s: return "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
            case long[] list: return "[" + string.Join(", ", list) + "]";
            case Tensor t:
                int index = constants.IndexOf(t);
                if (index < 0)
                {
                    index = constants.Count;
                    constants.Add(t);
                }

                return "CONSTANTS.c" + index.ToString(CultureInfo.InvariantCulture);
            default: throw new NotSupportedException($"code printer: constant of type {value.GetType().Name}");
        }
    }

    private static bool IsIdentifier(string s) =>
        s.Length > 0 && (char.IsLetter(s[0]) || s[0] == '_') && s.All(c => char.IsLetterOrDigit(c) || c == '_');
}
