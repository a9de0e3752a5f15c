using System.Globalization;
using System.Reflection;
using System.Reflection.Emit;
using System.Text;

namespace TorchJit.Codegen.Emit;

/// <summary>
/// Spells types, members and literals the way an IL listing shows them: namespace-qualified names without
/// assembly names (<c>System.Int64</c>, <c>TorchJit.Tensor[]</c>), generics as <c>List&lt;System.Int64&gt;</c>,
/// members as <c>Declaring::Name</c>, strings as escaped C#-style literals.
/// </summary>
internal static class ILText
{
    public static string Type(Type type)
    {
        if (type.IsByRef) return Type(type.GetElementType()!) + "&";
        if (type.IsPointer) return Type(type.GetElementType()!) + "*";
        if (type.IsArray)
        {
            int rank = type.GetArrayRank();
            return Type(type.GetElementType()!) + "[" + new string(',', rank - 1) + "]";
        }

        if (type.IsGenericParameter) return type.Name;
        string name = StripArity(type.Name);
        string qualified = type.IsNested && type.DeclaringType is { } outer
            ? Type(outer) + "/" + name
            : (string.IsNullOrEmpty(type.Namespace) ? name : type.Namespace + "." + name);
        if (!type.IsGenericType) return qualified;

        // A nested type's generic arguments include its outer types'; show only its own, after its own name.
        var arguments = type.GetGenericArguments();
        int inherited = type.IsNested && type.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments().Length : 0;
        var own = arguments.Skip(inherited).ToArray();
        return own.Length == 0 ? qualified : qualified + "<" + string.Join(", ", own.Select(Type)) + ">";
    }

    /// <summary><c>[instance ]Return Declaring::Name(Parameters)</c>; a <see cref="DynamicMethod"/> has no declaring type.</summary>
    public static string Method(MethodBase method)
    {
        var builder = new StringBuilder();
        if (!method.IsStatic) builder.Append("instance ");
        builder.Append(Type(method is MethodInfo info ? info.ReturnType : typeof(void))).Append(' ');
        if (method.DeclaringType is { } declaring) builder.Append(Type(declaring)).Append("::");
        builder.Append(method.Name);
        if (method.IsGenericMethod) builder.Append('<').AppendJoin(", ", method.GetGenericArguments().Select(Type)).Append('>');
        builder.Append('(').AppendJoin(", ", method.GetParameters().Select(p => Type(p.ParameterType))).Append(')');
        return builder.ToString();
    }

    public static string Field(FieldInfo field) =>
        (field.IsStatic ? "static " : "") + Type(field.FieldType) + " " +
        (field.DeclaringType is { } declaring ? Type(declaring) + "::" : "") + field.Name;

    public static string Local(EmitLocal local) => $"V_{local.Index} ({Type(local.Type)})";

    public static string Float(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Float(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A quoted literal with quotes, backslashes and control characters escaped, so a listing stays one instruction per line.</summary>
    public static string String(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\0': builder.Append("\\0"); break;
                default:
                    // U+2028/U+2029 are not control characters but editors break lines at them.
                    if (char.IsControl(c) || c is '\u2028' or '\u2029') builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else builder.Append(c);
                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    private static string StripArity(string name)
    {
        int tick = name.IndexOf('`', StringComparison.Ordinal);
        return tick < 0 ? name : name[..tick];
    }
}
