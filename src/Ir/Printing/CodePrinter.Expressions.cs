using System.Globalization;

namespace TorchJit.Ir;

/// <summary>The right-hand side of each node kind, as python_print's <c>printRHS</c> writes it.</summary>
public sealed partial class CodePrinter
{
    private string Rhs(Node n)
    {
        switch (n.Kind)
        {
            case NodeKinds.Constant:
                return ConstantExpr(n);
            case NodeKinds.GetAttr:
                string attr = n.StringAttribute("name");
                string receiver = UseOf(n.Inputs[0]);
                return IsIdentifier(attr) ? receiver + "." + attr : $"getattr({receiver}, {GraphPrinter.QuotedString(attr)})";
            case NodeKinds.CallMethod:
                return $"({UseOf(n.Inputs[0])}).{n.StringAttribute("name")}({string.Concat(n.Inputs.Skip(1).Select(i => UseOf(i) + ", "))})";
            case "prim::CallFunction":
                return $"{UseOf(n.Inputs[0])}({string.Concat(n.Inputs.Skip(1).Select(i => UseOf(i) + ", "))})";
            case NodeKinds.ListConstruct:
                return ListExpr(n);
            case NodeKinds.TupleConstruct:
                return "(" + string.Join(", ", n.Inputs.Select(UseOf)) + (n.Inputs.Count == 1 ? ",)" : ")");
            case "prim::TupleIndex":
                return $"({UseOf(n.Inputs[0])})[{UseOf(n.Inputs[1])}]";
            case "prim::Print":
                return "print(" + string.Join(", ", n.Inputs.Select(UseOf)) + ")";
            case "prim::Uninitialized":
                return $"uninitialized({n.Output.Type.Annotation})";
            case "prim::unchecked_cast":
                return $"unchecked_cast({n.Output.Type.Annotation}, {UseOf(n.Inputs[0])})";
        }

        if (n.Op is not { } op)
        {
            // A prim:: op without a registry entry: ops.prim.name(...), all arguments positional.
            int sep = n.Kind.IndexOf("::", StringComparison.Ordinal);
            if (sep < 0) throw new NotSupportedException($"code printer: node kind {n.Kind} is not supported");
            return $"ops.{n.Kind[..sep]}.{n.Kind[(sep + 2)..]}(" + string.Join(", ", n.Inputs.Select(UseOf)) + ")";
        }

        switch (op.Schema.Kind)
        {
            case "aten::Bool": return $"bool({UseOf(n.Inputs[0])})";
            case "aten::Float": return $"float({UseOf(n.Inputs[0])})";
            case "aten::Int": return $"int({UseOf(n.Inputs[0])})";
            case "aten::str": return $"str({UseOf(n.Inputs[0])})";
            case "aten::ScalarImplicit" or "aten::IntImplicit" or "aten::FloatImplicit":
                return $"annotate({n.Output.Type.Annotation}, {UseOf(n.Inputs[0])})";
            case "aten::__getitem__":
                string list = UseOf(n.Inputs[0]);
                return (IsIdentifier(list) ? list : "(" + list + ")") + "[" + UseOf(n.Inputs[1]) + "]";
        }

        return CallExpr(op, n);
    }

    private string CallExpr(OpDef op, Node n)
    {
        var args = op.Schema.Arguments;
        int count = n.Inputs.Count;
        // Trailing arguments equal to their default are left out (python_print's "necessary arguments").
        while (count > 0 && count <= args.Count && args[count - 1].HasDefault && IsDefault(n.Inputs[count - 1], args[count - 1])) count--;
        var parts = new List<string>(count);
        for (int i = 0; i < count; i++)
            parts.Add(i < args.Count && args[i].KwargOnly ? args[i].Name + "=" + UseOf(n.Inputs[i]) : UseOf(n.Inputs[i]));
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

    // Empty lists, and lists whose element type their members cannot tell (Optional, Scalar), are annotated.
    private string ListExpr(Node n)
    {
        var type = (ListType)n.Output.Type;
        string items = "[" + string.Join(", ", n.Inputs.Select(UseOf)) + "]";
        if (n.Inputs.Count == 0) return $"annotate({type.Annotation}, [])";
        return type.Element is OptionalType or NumberType ? $"annotate({type.Annotation}, {items})" : items;
    }

    private string ConstantExpr(Node n)
    {
        object? value = n.Attribute("value");
        switch (value)
        {
            case null: return "None";
            case long l: return l.ToString(CultureInfo.InvariantCulture);
            case double d: return PythonLiterals.GraphFloat(d);
            case bool b: return b ? "True" : "False";
            // Non-ASCII strings go to the constant table, as in PyTorch; this port's table holds tensors only.
            case string s: return GraphPrinter.QuotedString(s);
            case long[] or double[] or string[]: return GraphPrinter.AttributeValue(value);
            case Tensor t: return "CONSTANTS.c" + ConstantIndex(t).ToString(CultureInfo.InvariantCulture);
            default: throw new NotSupportedException($"code printer: constant of type {value.GetType().Name}");
        }
    }

    // Tensors equal in dtype, shape and data share one entry (python_print's getOrAddConstant).
    private int ConstantIndex(Tensor t)
    {
        for (int i = 0; i < constants.Count; i++)
            if (ReferenceEquals(constants[i], t) || constants[i].BitEquals(t)) return i;
        constants.Add(t);
        return constants.Count - 1;
    }

    private static bool IsIdentifier(string s) =>
        s.Length > 0 && (char.IsAsciiLetter(s[0]) || s[0] == '_') && s.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
