namespace TorchJit.Ir;

/// <summary>
/// A function schema, as PyTorch writes them:
/// <c>aten::add.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor</c>.
/// </summary>
public sealed class OpSchema
{
    internal OpSchema(string ns, string name, string overload, IReadOnlyList<Argument> arguments, IReadOnlyList<Argument> returns, string text)
    {
        Namespace = ns;
        Name = name;
        Overload = overload;
        Arguments = arguments;
        Returns = returns;
        Text = text;
    }

    /// <summary>The namespace (<c>aten</c>, <c>prim</c>).</summary>
    public string Namespace { get; }

    /// <summary>The op name (<c>add</c>).</summary>
    public string Name { get; }

    /// <summary>The overload name (<c>Tensor</c>), empty for the default overload.</summary>
    public string Overload { get; }

    /// <summary>The node kind, as graphs print it (<c>aten::add</c>; overloads are not printed).</summary>
    public string Kind => Namespace + "::" + Name;

    /// <summary>The kind with the overload (<c>aten::add.Tensor</c>), the registry key.</summary>
    public string QualifiedName => Overload.Length == 0 ? Kind : Kind + "." + Overload;

    /// <summary>The arguments in order; keyword-only ones have <see cref="Argument.KwargOnly"/>.</summary>
    public IReadOnlyList<Argument> Arguments { get; }

    /// <summary>The results.</summary>
    public IReadOnlyList<Argument> Returns { get; }

    /// <summary>The schema as written.</summary>
    public string Text { get; }

    /// <summary>Parses a schema string; throws <see cref="FormatException"/> naming the position on error.</summary>
    public static OpSchema Parse(string text) => SchemaParser.Parse(text);

    /// <inheritdoc/>
    public override string ToString() => Text;
}

/// <summary>One argument or result of a schema.</summary>
/// <param name="Name">The argument name.</param>
/// <param name="Type">Its TorchScript type.</param>
/// <param name="HasDefault">Whether a default is given.</param>
/// <param name="Default">The default (long, double, bool, string, long[] or null for None).</param>
/// <param name="KwargOnly">Whether it comes after <c>*</c>.</param>
public sealed record Argument(string Name, JitType Type, bool HasDefault, object? Default, bool KwargOnly);
