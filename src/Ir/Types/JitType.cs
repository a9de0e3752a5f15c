using TorchJit.Kernels;

namespace TorchJit.Ir;

/// <summary>
/// A TorchScript type. <see cref="object.ToString"/> prints it as graphs do (<c>Float(2, 3, strides=[3, 1],
/// requires_grad=0, device=cpu)</c>, <c>int</c>, <c>(Tensor, int)</c>); <see cref="Annotation"/> as code does.
/// </summary>
public abstract class JitType
{
    private protected JitType() { }

    /// <summary>The type as a Python annotation in <c>.Code</c> (<c>Tensor</c>, <c>Optional[int]</c>, <c>Tuple[Tensor, int]</c>).</summary>
    public virtual string Annotation => ToString() ?? "";

    /// <summary>True when a value of <paramref name="other"/> may be passed where this type is expected.</summary>
    public virtual bool Accepts(JitType other) => Equals(other) || other is NoneType && this is OptionalType;
}

/// <summary>TorchScript's <c>int</c> (64-bit). Also stands for <c>ScalarType</c>, as in TorchScript.</summary>
public sealed class IntType : JitType
{
    /// <summary>The one instance.</summary>
    public static readonly IntType Instance = new();

    /// <inheritdoc/>
    public override string ToString() => "int";
}

/// <summary>TorchScript's <c>float</c> (a double).</summary>
public sealed class FloatType : JitType
{
    /// <summary>The one instance.</summary>
    public static readonly FloatType Instance = new();

    /// <inheritdoc/>
    public override string ToString() => "float";
}

/// <summary>TorchScript's <c>bool</c>.</summary>
public sealed class BoolType : JitType
{
    /// <summary>The one instance.</summary>
    public static readonly BoolType Instance = new();

    /// <inheritdoc/>
    public override string ToString() => "bool";
}

/// <summary>TorchScript's <c>str</c>.</summary>
public sealed class StringType : JitType
{
    /// <summary>The one instance.</summary>
    public static readonly StringType Instance = new();

    /// <inheritdoc/>
    public override string ToString() => "str";
}

/// <summary>The type of <c>None</c>.</summary>
public sealed class NoneType : JitType
{
    /// <summary>The one instance.</summary>
    public static readonly NoneType Instance = new();

    /// <inheritdoc/>
    public override string ToString() => "NoneType";
}

/// <summary>A schema's <c>Scalar</c>: an int, float or bool at run time.</summary>
public sealed class NumberType : JitType
{
    /// <summary>The one instance.</summary>
    public static readonly NumberType Instance = new();

    /// <inheritdoc/>
    public override string ToString() => "Scalar";

    /// <inheritdoc/>
    public override bool Accepts(JitType other) => other is NumberType or IntType or FloatType or BoolType;
}

/// <summary><c>T?</c>: a value of T or None.</summary>
public sealed class OptionalType(JitType element) : JitType
{
    /// <summary>The wrapped type.</summary>
    public JitType Element { get; } = element;

    /// <inheritdoc/>
    public override string ToString() => Element + "?";

    /// <inheritdoc/>
    public override string Annotation => $"Optional[{Element.Annotation}]";

    /// <inheritdoc/>
    public override bool Accepts(JitType other) => other is NoneType || Element.Accepts(other) || (other is OptionalType o && Element.Accepts(o.Element));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is OptionalType o && o.Element.Equals(Element);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(1, Element);
}

/// <summary><c>T[]</c>: a list.</summary>
public sealed class ListType(JitType element) : JitType
{
    /// <summary>The element type.</summary>
    public JitType Element { get; } = element;

    /// <inheritdoc/>
    public override string ToString() => Element + "[]";

    /// <inheritdoc/>
    public override string Annotation => $"List[{Element.Annotation}]";

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ListType o && o.Element.Equals(Element);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(2, Element);
}

/// <summary>A tuple <c>(Tensor, int)</c>.</summary>
public sealed class TupleType(IReadOnlyList<JitType> elements) : JitType
{
    /// <summary>The element types.</summary>
    public IReadOnlyList<JitType> Elements { get; } = elements;

    /// <inheritdoc/>
    public override string ToString() => "(" + string.Join(", ", Elements) + ")";

    /// <inheritdoc/>
    public override string Annotation => "Tuple[" + string.Join(", ", Elements.Select(e => e.Annotation)) + "]";

    /// <inheritdoc/>
    public override bool Accepts(JitType other) =>
        other is TupleType t && t.Elements.Count == Elements.Count && Elements.Select((e, i) => e.Accepts(t.Elements[i])).All(b => b);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is TupleType t && t.Elements.SequenceEqual(Elements);

    /// <inheritdoc/>
    public override int GetHashCode() => Elements.Count;
}

/// <summary>A module's class, by qualified name (<c>__torch__.CondModel</c>).</summary>
public sealed class ClassType(string qualifiedName) : JitType
{
    /// <summary>The qualified name.</summary>
    public string QualifiedName { get; } = qualifiedName;

    /// <inheritdoc/>
    public override string ToString() => QualifiedName;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ClassType c && c.QualifiedName == QualifiedName;

    /// <inheritdoc/>
    public override int GetHashCode() => QualifiedName.GetHashCode(StringComparison.Ordinal);
}

/// <summary>
/// A tensor type, possibly refined with dtype, sizes and strides (a "complete" type, as traces record).
/// The unrefined <see cref="Any"/> prints <c>Tensor</c>.
/// </summary>
public sealed class TensorType : JitType
{
    /// <summary>A tensor of unknown dtype and shape.</summary>
    public static readonly TensorType Any = new(null, null, null);

    /// <summary>A tensor type with what is known.</summary>
    public TensorType(DType? dtype, int[]? sizes, int[]? strides, bool? requiresGrad = null, string? device = null)
    {
        DType = dtype;
        Sizes = sizes;
        Strides = strides;
        RequiresGrad = requiresGrad;
        Device = device;
    }

    /// <summary>The dtype, if known.</summary>
    public DType? DType { get; }

    /// <summary>The sizes, if the rank and every size are known.</summary>
    public int[]? Sizes { get; }

    /// <summary>The strides, if known.</summary>
    public int[]? Strides { get; }

    /// <summary>Whether the tensor requires grad, if known (always 0 here: inference only).</summary>
    public bool? RequiresGrad { get; }

    /// <summary>The device, if known.</summary>
    public string? Device { get; }

    /// <summary>The complete type of a concrete tensor, as the tracer records it.</summary>
    public static TensorType Of(Tensor t) => new(t.DType, t.Shape.ToArray(), t.Strides(), false, "cpu");

    /// <inheritdoc/>
    public override string Annotation => "Tensor";

    /// <inheritdoc/>
    public override bool Accepts(JitType other) => other is TensorType;

    /// <inheritdoc/>
    public override string ToString()
    {
        if (DType is null && Sizes is null) return "Tensor";
        string name = DType is { } d ? DTypes.TorchName(d) : "Tensor";
        if (Sizes is null) return name + "Tensor";
        var parts = new List<string>();
        parts.AddRange(Sizes.Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (Strides is not null && Sizes.Length > 0) parts.Add("strides=[" + string.Join(", ", Strides) + "]");
        if (RequiresGrad is { } rg) parts.Add("requires_grad=" + (rg ? 1 : 0));
        if (Device is not null) parts.Add("device=" + Device);
        return name + "(" + string.Join(", ", parts) + ")";
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is TensorType t && t.ToString() == ToString();

    /// <inheritdoc/>
    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);
}
