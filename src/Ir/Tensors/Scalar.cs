namespace TorchJit;

/// <summary>
/// A number passed to a tensor op: an integer, a float or a bool, as PyTorch's <c>Scalar</c>.
/// Integer literals stay integers so that scripted graphs print <c>10</c>, not <c>10.</c>.
/// </summary>
public readonly struct Scalar : IEquatable<Scalar>
{
    private readonly long integer;
    private readonly double real;

    private Scalar(ScalarKind kind, long integer, double real)
    {
        Kind = kind;
        this.integer = integer;
        this.real = real;
    }

    /// <summary>Which of int, float or bool this scalar holds.</summary>
    public ScalarKind Kind { get; }

    /// <summary>The scalar 1 (the default <c>alpha</c> of add/sub).</summary>
    public static Scalar One => FromInt64(1);

    /// <summary>An integer scalar.</summary>
    public static Scalar FromInt64(long value) => new(ScalarKind.Int, value, value);

    /// <summary>A floating-point scalar.</summary>
    public static Scalar FromDouble(double value) => new(ScalarKind.Float, 0, value);

    /// <summary>A boolean scalar.</summary>
    public static Scalar FromBool(bool value) => new(ScalarKind.Bool, value ? 1 : 0, value ? 1 : 0);

    /// <summary>The value as a double (exact for ints up to 2^53).</summary>
    public double ToDouble() => Kind == ScalarKind.Float ? real : integer;

    /// <summary>The value as a float32, as kernels consume it.</summary>
    public float ToSingle() => (float)ToDouble();

    /// <summary>The value as an integer; a float scalar is truncated toward zero.</summary>
    public long ToInt64() => Kind == ScalarKind.Float ? (long)real : integer;

    /// <summary>An int literal becomes an int scalar.</summary>
    public static implicit operator Scalar(int value) => FromInt64(value);

    /// <summary>A long becomes an int scalar.</summary>
    public static implicit operator Scalar(long value) => FromInt64(value);

    /// <summary>A float becomes a float scalar.</summary>
    public static implicit operator Scalar(float value) => FromDouble(value);

    /// <summary>A double becomes a float scalar.</summary>
    public static implicit operator Scalar(double value) => FromDouble(value);

    /// <summary>A bool becomes a bool scalar.</summary>
    public static implicit operator Scalar(bool value) => FromBool(value);

    /// <inheritdoc/>
    public bool Equals(Scalar other) => Kind == other.Kind && integer == other.integer && real.Equals(other.real);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Scalar s && Equals(s);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, integer, real);

    /// <summary>Value equality.</summary>
    public static bool operator ==(Scalar a, Scalar b) => a.Equals(b);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(Scalar a, Scalar b) => !a.Equals(b);

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        ScalarKind.Float => PythonLiterals.Float(real),
        ScalarKind.Bool => integer != 0 ? "True" : "False",
        _ => integer.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>What a <see cref="Scalar"/> holds.</summary>
public enum ScalarKind
{
    /// <summary>A 64-bit integer (TorchScript <c>int</c>).</summary>
    Int,

    /// <summary>A double (TorchScript <c>float</c>).</summary>
    Float,

    /// <summary>A bool.</summary>
    Bool,
}
