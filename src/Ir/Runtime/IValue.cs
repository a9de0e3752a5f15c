using System.Globalization;

namespace TorchJit.Ir;

/// <summary>
/// A run-time value of the interpreter: None, a tensor, an int, a float, a bool, a string, a tuple or a
/// module object. Numbers are stored inline, so passing them does not allocate.
/// </summary>
public readonly struct IValue
{
    private readonly long integer;
    private readonly double real;
    private readonly object? reference;

    private IValue(IValueKind kind, long integer, double real, object? reference)
    {
        Kind = kind;
        this.integer = integer;
        this.real = real;
        this.reference = reference;
    }

    /// <summary>What this value holds.</summary>
    public IValueKind Kind { get; }

    /// <summary>None.</summary>
    public static IValue None => default;

    /// <summary>A tensor (null becomes None).</summary>
    public static IValue From(Tensor? t) => t is null ? None : new(IValueKind.Tensor, 0, 0, t);

    /// <summary>An int.</summary>
    public static IValue From(long v) => new(IValueKind.Int, v, 0, null);

    /// <summary>A float.</summary>
    public static IValue From(double v) => new(IValueKind.Double, 0, v, null);

    /// <summary>A bool.</summary>
    public static IValue From(bool v) => new(IValueKind.Bool, v ? 1 : 0, 0, null);

    /// <summary>A string.</summary>
    public static IValue From(string v) => new(IValueKind.String, 0, 0, v);

    /// <summary>A number, keeping whether it is an int, float or bool.</summary>
    public static IValue From(Scalar s) => s.Kind switch
    {
        ScalarKind.Float => From(s.ToDouble()),
        ScalarKind.Bool => From(s.ToInt64() != 0),
        _ => From(s.ToInt64()),
    };

    /// <summary>An int list (<c>int[]</c>): sizes, dims.</summary>
    public static IValue From(long[] v) => new(IValueKind.IntList, 0, 0, v);

    /// <summary>A list of tensors (<c>Tensor[]</c>).</summary>
    public static IValue From(Tensor[] v) => new(IValueKind.TensorList, 0, 0, v);

    /// <summary>A pair of tensors (ops such as <c>max.dim</c> return values and indices).</summary>
    public static IValue From((Tensor, Tensor) v) => Tuple([From(v.Item1), From(v.Item2)]);

    /// <summary>A tuple.</summary>
    public static IValue Tuple(IValue[] elements) => new(IValueKind.Tuple, 0, 0, elements);

    /// <summary>A module object.</summary>
    public static IValue Object(ScriptObject o) => new(IValueKind.Object, 0, 0, o);

    /// <summary>A graph constant's attribute value (long, double, bool, string, Tensor or null).</summary>
    public static IValue FromConstant(object? value) => value switch
    {
        null => None,
        long l => From(l),
        double d => From(d),
        bool b => From(b),
        string s => From(s),
        Tensor t => From(t),
        long[] l => From(l),
        _ => throw new NotSupportedException($"constant of type {value.GetType().Name}"),
    };

    /// <summary>True for None.</summary>
    public bool IsNone => Kind == IValueKind.None;

    /// <summary>The tensor; throws for other kinds.</summary>
    public Tensor ToTensor() => reference as Tensor ?? throw Mismatch("Tensor");

    /// <summary>The tensor, or null for None.</summary>
    public Tensor? ToOptionalTensor() => IsNone ? null : ToTensor();

    /// <summary>The int; throws for other kinds.</summary>
    public long ToInt() => Kind == IValueKind.Int ? integer : throw Mismatch("int");

    /// <summary>The int, or null for None.</summary>
    public long? ToOptionalInt() => IsNone ? null : ToInt();

    /// <summary>The float (an int converts, as TorchScript's int→float).</summary>
    public double ToDouble() => Kind switch
    {
        IValueKind.Double => real,
        IValueKind.Int => integer,
        _ => throw Mismatch("float"),
    };

    /// <summary>The bool; throws for other kinds.</summary>
    public bool ToBool() => Kind == IValueKind.Bool ? integer != 0 : throw Mismatch("bool");

    /// <summary>An int, float or bool as a Scalar.</summary>
    public Scalar ToScalar() => Kind switch
    {
        IValueKind.Int => Scalar.FromInt64(integer),
        IValueKind.Double => Scalar.FromDouble(real),
        IValueKind.Bool => Scalar.FromBool(integer != 0),
        _ => throw Mismatch("Scalar"),
    };

    /// <summary>The tensor list; throws for other kinds.</summary>
    public Tensor[] ToTensorList() => reference as Tensor[] ?? throw Mismatch("Tensor[]");

    /// <summary>The int list, or null for None.</summary>
    public long[]? ToOptionalIntList() => IsNone ? null : ToIntList();

    /// <summary>The number, or null for None.</summary>
    public Scalar? ToOptionalScalar() => IsNone ? null : ToScalar();

    /// <summary>The float, or null for None.</summary>
    public double? ToOptionalDouble() => IsNone ? null : ToDouble();

    /// <summary>The int list; throws for other kinds.</summary>
    public long[] ToIntList() => reference as long[] ?? throw Mismatch("int[]");

    /// <summary>The string; throws for other kinds.</summary>
    public string ToStringValue() => reference as string ?? throw Mismatch("str");

    /// <summary>The tuple elements; throws for other kinds.</summary>
    public IValue[] ToTuple() => reference as IValue[] ?? throw Mismatch("Tuple");

    /// <summary>The module object; throws for other kinds.</summary>
    public ScriptObject ToObject() => reference as ScriptObject ?? throw Mismatch("Object");

    /// <summary>Implicit wrapping of a tensor.</summary>
    public static implicit operator IValue(Tensor? t) => From(t);

    /// <summary>Implicit wrapping of a scalar.</summary>
    public static implicit operator IValue(Scalar s) => From(s);

    /// <summary>Implicit wrapping of an int.</summary>
    public static implicit operator IValue(long v) => From(v);

    /// <summary>Implicit wrapping of a bool.</summary>
    public static implicit operator IValue(bool v) => From(v);

    /// <summary>Implicit wrapping of a float.</summary>
    public static implicit operator IValue(double v) => From(v);

    /// <summary>Implicit wrapping of an int list.</summary>
    public static implicit operator IValue(long[] v) => From(v);

    /// <summary>Implicit wrapping of a tensor list.</summary>
    public static implicit operator IValue(Tensor[] v) => From(v);

    /// <summary>Implicit wrapping of an optional number (null is None).</summary>
    public static implicit operator IValue(Scalar? v) => v is { } x ? From(x) : None;

    /// <summary>Implicit wrapping of an optional float (null is None).</summary>
    public static implicit operator IValue(double? v) => v is { } x ? From(x) : None;

    /// <summary>Implicit wrapping of a string.</summary>
    public static implicit operator IValue(string v) => From(v);

    /// <summary>Implicit wrapping of an optional int (null is None).</summary>
    public static implicit operator IValue(long? v) => v is { } x ? From(x) : None;

    private InvalidCastException Mismatch(string wanted) => new($"expected a value of type {wanted}, got {Kind}");

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        IValueKind.None => "None",
        IValueKind.Int => integer.ToString(CultureInfo.InvariantCulture),
        IValueKind.Double => PythonLiterals.Float(real),
        IValueKind.Bool => integer != 0 ? "True" : "False",
        IValueKind.Tuple => "(" + string.Join(", ", ToTuple()) + ")",
        IValueKind.IntList => "[" + string.Join(", ", ToIntList()) + "]",
        IValueKind.TensorList => "[" + string.Join(", ", ToTensorList().Select(t => t.Describe())) + "]",
        _ => reference?.ToString() ?? "None",
    };
}

/// <summary>The kinds an <see cref="IValue"/> can hold.</summary>
public enum IValueKind
{
    /// <summary>None.</summary>
    None,

    /// <summary>A tensor.</summary>
    Tensor,

    /// <summary>A 64-bit int.</summary>
    Int,

    /// <summary>A double.</summary>
    Double,

    /// <summary>A bool.</summary>
    Bool,

    /// <summary>A string.</summary>
    String,

    /// <summary>A tuple.</summary>
    Tuple,

    /// <summary>A module object.</summary>
    Object,

    /// <summary>A list of ints.</summary>
    IntList,

    /// <summary>A list of tensors.</summary>
    TensorList,
}
