namespace TorchJit.Ir;

/// <summary>
/// TorchScript's scalar ops on <c>int</c> (int64), <c>float</c> (double), <c>bool</c> and <c>str</c>, which
/// scripted C# arithmetic becomes. Note [C# number semantics]: they compute what the C# code computes.
/// <c>aten::__round_to_zero_floordiv</c> is TorchScript's truncating integer division (C#'s <c>/</c>;
/// Python's <c>//</c> floors instead); C#'s integer <c>%</c> is scripted as <c>a - b * (a / b)</c> with it.
/// <c>aten::div.float</c> and <c>aten::fmod.float</c> follow IEEE 754 as C# does (division by zero gives
/// an infinity or NaN where TorchScript raises ZeroDivisionError); integer division by zero throws
/// <see cref="DivideByZeroException"/>, as in C#.
/// </summary>
public static partial class AtenOps
{
    /// <summary><c>a + b</c> on ints.</summary>
    [Schema("aten::add.int(int a, int b) -> int")]
    public static long add_int(long a, long b) => a + b;

    /// <summary><c>a - b</c> on ints.</summary>
    [Schema("aten::sub.int(int a, int b) -> int")]
    public static long sub_int(long a, long b) => a - b;

    /// <summary><c>a * b</c> on ints.</summary>
    [Schema("aten::mul.int(int a, int b) -> int")]
    public static long mul_int(long a, long b) => a * b;

    /// <summary><c>a / b</c> on ints, truncated toward zero (C#'s integer division).</summary>
    [Schema("aten::__round_to_zero_floordiv.int(int a, int b) -> int")]
    public static long round_to_zero_floordiv_int(long a, long b) => a / b;

    /// <summary><c>-a</c> on an int.</summary>
    [Schema("aten::neg.int(int a) -> int")]
    public static long neg_int(long a) => -a;

    /// <summary><c>a &amp; b</c> on ints.</summary>
    [Schema("aten::__and__.int(int a, int b) -> int")]
    public static long and_int(long a, long b) => a & b;

    /// <summary><c>a | b</c> on ints.</summary>
    [Schema("aten::__or__.int(int a, int b) -> int")]
    public static long or_int(long a, long b) => a | b;

    /// <summary><c>a ^ b</c> on ints.</summary>
    [Schema("aten::__xor__.int(int a, int b) -> int")]
    public static long xor_int(long a, long b) => a ^ b;

    /// <summary><c>a + b</c> on floats.</summary>
    [Schema("aten::add.float(float a, float b) -> float")]
    public static double add_float(double a, double b) => a + b;

    /// <summary><c>a - b</c> on floats.</summary>
    [Schema("aten::sub.float(float a, float b) -> float")]
    public static double sub_float(double a, double b) => a - b;

    /// <summary><c>a * b</c> on floats.</summary>
    [Schema("aten::mul.float(float a, float b) -> float")]
    public static double mul_float(double a, double b) => a * b;

    /// <summary><c>a / b</c> on floats (IEEE 754: a zero divisor gives an infinity or NaN).</summary>
    [Schema("aten::div.float(float a, float b) -> float")]
    public static double div_float(double a, double b) => a / b;

    /// <summary>The remainder of <c>a / b</c> truncated toward zero, with the sign of <c>a</c> (C#'s <c>%</c> on doubles, C's fmod).</summary>
    [Schema("aten::fmod.float(float a, float b) -> float")]
    public static double fmod_float(double a, double b) => a % b;

    /// <summary><c>-a</c> on a float.</summary>
    [Schema("aten::neg.float(float a) -> float")]
    public static double neg_float(double a) => -a;

    /// <summary>The square root of a float.</summary>
    [Schema("aten::sqrt.float(float a) -> float")]
    public static double sqrt_float(double a) => Math.Sqrt(a);

    /// <summary><c>e</c> to the power of a float.</summary>
    [Schema("aten::exp.float(float a) -> float")]
    public static double exp_float(double a) => Math.Exp(a);

    /// <summary>The natural logarithm of a float.</summary>
    [Schema("aten::log.float(float a) -> float")]
    public static double log_float(double a) => Math.Log(a);

    /// <summary><c>a == b</c> on ints.</summary>
    [Schema("aten::eq.int(int a, int b) -> bool")]
    public static bool eq_int(long a, long b) => a == b;

    /// <summary><c>a != b</c> on ints.</summary>
    [Schema("aten::ne.int(int a, int b) -> bool")]
    public static bool ne_int(long a, long b) => a != b;

    /// <summary><c>a &lt; b</c> on ints.</summary>
    [Schema("aten::lt.int(int a, int b) -> bool")]
    public static bool lt_int(long a, long b) => a < b;

    /// <summary><c>a &lt;= b</c> on ints.</summary>
    [Schema("aten::le.int(int a, int b) -> bool")]
    public static bool le_int(long a, long b) => a <= b;

    /// <summary><c>a &gt; b</c> on ints.</summary>
    [Schema("aten::gt.int(int a, int b) -> bool")]
    public static bool gt_int(long a, long b) => a > b;

    /// <summary><c>a &gt;= b</c> on ints.</summary>
    [Schema("aten::ge.int(int a, int b) -> bool")]
    public static bool ge_int(long a, long b) => a >= b;

    /// <summary><c>a == b</c> on floats.</summary>
    [Schema("aten::eq.float(float a, float b) -> bool")]
    public static bool eq_float(double a, double b) => a == b;

    /// <summary><c>a != b</c> on floats.</summary>
    [Schema("aten::ne.float(float a, float b) -> bool")]
    public static bool ne_float(double a, double b) => a != b;

    /// <summary><c>a &lt; b</c> on floats.</summary>
    [Schema("aten::lt.float(float a, float b) -> bool")]
    public static bool lt_float(double a, double b) => a < b;

    /// <summary><c>a &lt;= b</c> on floats.</summary>
    [Schema("aten::le.float(float a, float b) -> bool")]
    public static bool le_float(double a, double b) => a <= b;

    /// <summary><c>a &gt; b</c> on floats.</summary>
    [Schema("aten::gt.float(float a, float b) -> bool")]
    public static bool gt_float(double a, double b) => a > b;

    /// <summary><c>a &gt;= b</c> on floats.</summary>
    [Schema("aten::ge.float(float a, float b) -> bool")]
    public static bool ge_float(double a, double b) => a >= b;

    /// <summary><c>a == b</c> on bools.</summary>
    [Schema("aten::eq.bool(bool a, bool b) -> bool")]
    public static bool eq_bool(bool a, bool b) => a == b;

    /// <summary><c>a != b</c> on bools.</summary>
    [Schema("aten::ne.bool(bool a, bool b) -> bool")]
    public static bool ne_bool(bool a, bool b) => a != b;

    /// <summary><c>a &amp; b</c> on bools (both sides evaluated).</summary>
    [Schema("aten::__and__.bool(bool a, bool b) -> bool")]
    public static bool and_bool(bool a, bool b) => a & b;

    /// <summary><c>a | b</c> on bools (both sides evaluated).</summary>
    [Schema("aten::__or__.bool(bool a, bool b) -> bool")]
    public static bool or_bool(bool a, bool b) => a | b;

    /// <summary><c>a ^ b</c> on bools.</summary>
    [Schema("aten::__xor__.bool(bool a, bool b) -> bool")]
    public static bool xor_bool(bool a, bool b) => a ^ b;

    /// <summary><c>a == b</c> on strings (ordinal).</summary>
    [Schema("aten::eq.str(str a, str b) -> bool")]
    public static bool eq_str(string a, string b) => string.Equals(a, b, StringComparison.Ordinal);

    /// <summary><c>a != b</c> on strings (ordinal).</summary>
    [Schema("aten::ne.str(str a, str b) -> bool")]
    public static bool ne_str(string a, string b) => !string.Equals(a, b, StringComparison.Ordinal);

    /// <summary>An int as a float (<c>float(a)</c>, C#'s <c>(double)a</c>).</summary>
    [Schema("aten::Float.int(int a) -> float")]
    public static double Float_int(long a) => a;

    /// <summary>A float truncated toward zero to an int (<c>int(a)</c>, C#'s <c>(long)a</c>).</summary>
    [Schema("aten::Int.float(float a) -> int")]
    public static long Int_float(double a) => (long)a;

    /// <summary>A number as a float (<c>Scalar.ToDouble()</c>).</summary>
    [Schema("aten::Float.Scalar(Scalar a) -> float")]
    public static double Float_Scalar(Scalar a) => a.ToDouble();

    /// <summary>A number as an int, a float truncated toward zero (<c>Scalar.ToInt64()</c>).</summary>
    [Schema("aten::Int.Scalar(Scalar a) -> int")]
    public static long Int_Scalar(Scalar a) => a.ToInt64();

    /// <summary>All sizes of a tensor (<c>x.size()</c>, <c>x.shape</c>).</summary>
    [Schema("aten::size(Tensor self) -> int[]", OpTraits.Pure | OpTraits.MetadataOnly)]
    public static long[] size_list(Tensor self) => self.shapeArray();

    /// <summary><c>a is b</c> for optional tensors (in practice <c>x is None</c>).</summary>
    [Schema("aten::__is__(Tensor? self, Tensor? obj) -> bool")]
    public static bool is_(Tensor? self, Tensor? obj) => ReferenceEquals(self, obj);

    /// <summary><c>a is not b</c> for optional tensors (in practice <c>x is not None</c>).</summary>
    [Schema("aten::__isnot__(Tensor? self, Tensor? obj) -> bool")]
    public static bool isnot(Tensor? self, Tensor? obj) => !ReferenceEquals(self, obj);

    /// <summary>The tensor in an optional known not to be None (after a None check); raises if it is None.</summary>
    [Schema("aten::_unwrap_optional(Tensor? optional) -> Tensor")]
    public static Tensor unwrap_optional(Tensor? optional) =>
        optional ?? throw new InvalidOperationException("aten::_unwrap_optional: Unwrapping null optional");
}
