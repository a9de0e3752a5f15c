namespace TorchJit.Ir;

/// <summary>
/// TorchScript's number ops on <c>int</c>, <c>float</c> and <c>bool</c> values: loop counters, trip counts,
/// conditions. They take and return C# primitives, so codegen calls them without boxing and the JIT can
/// inline them. Semantics are Python's: <c>//</c> and <c>%</c> round toward negative infinity, int
/// arithmetic wraps at 64 bits, and division by zero raises (an <see cref="InvalidOperationException"/>, as other
/// run-time errors of ops do, so constant folding leaves a division on a dead path to run time).
/// </summary>
public static partial class AtenOps
{
    /// <summary><c>a + b</c>.</summary>
    [Schema("aten::add.int(int a, int b) -> int")]
    public static long add_int(long a, long b) => a + b;

    /// <summary><c>a - b</c>.</summary>
    [Schema("aten::sub.int(int a, int b) -> int")]
    public static long sub_int(long a, long b) => a - b;

    /// <summary><c>a * b</c>.</summary>
    [Schema("aten::mul.int(int a, int b) -> int")]
    public static long mul_int(long a, long b) => a * b;

    /// <summary><c>a // b</c>, rounded toward negative infinity as in Python.</summary>
    [Schema("aten::floordiv.int(int a, int b) -> int")]
    public static long floordiv_int(long a, long b)
    {
        if (b == 0) throw new InvalidOperationException("ZeroDivisionError: integer division or modulo by zero (aten::floordiv)");
        long q = a / b;
        return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
    }

    /// <summary><c>a % b</c> with the sign of <paramref name="b"/>, as in Python.</summary>
    [Schema("aten::remainder.int(int a, int b) -> int")]
    public static long remainder_int(long a, long b)
    {
        if (b == 0) throw new InvalidOperationException("ZeroDivisionError: integer division or modulo by zero (aten::remainder)");
        long r = a % b;
        return r != 0 && ((r < 0) != (b < 0)) ? r + b : r;
    }

    /// <summary><c>a / b</c>: true division of ints gives a float.</summary>
    [Schema("aten::div.int(int a, int b) -> float")]
    public static double div_int(long a, long b) =>
        b == 0 ? throw new InvalidOperationException("ZeroDivisionError: division by zero (aten::div)") : (double)a / b;

    /// <summary><c>-a</c>.</summary>
    [Schema("aten::neg.int(int a) -> int")]
    public static long neg_int(long a) => -a;

    /// <summary><c>a == b</c>.</summary>
    [Schema("aten::eq.int(int a, int b) -> bool")]
    public static bool eq_int(long a, long b) => a == b;

    /// <summary><c>a != b</c>.</summary>
    [Schema("aten::ne.int(int a, int b) -> bool")]
    public static bool ne_int(long a, long b) => a != b;

    /// <summary><c>a &lt; b</c>.</summary>
    [Schema("aten::lt.int(int a, int b) -> bool")]
    public static bool lt_int(long a, long b) => a < b;

    /// <summary><c>a &gt; b</c>.</summary>
    [Schema("aten::gt.int(int a, int b) -> bool")]
    public static bool gt_int(long a, long b) => a > b;

    /// <summary><c>a &lt;= b</c>.</summary>
    [Schema("aten::le.int(int a, int b) -> bool")]
    public static bool le_int(long a, long b) => a <= b;

    /// <summary><c>a &gt;= b</c>.</summary>
    [Schema("aten::ge.int(int a, int b) -> bool")]
    public static bool ge_int(long a, long b) => a >= b;

    /// <summary><c>a + b</c>.</summary>
    [Schema("aten::add.float(float a, float b) -> float")]
    public static double add_float(double a, double b) => a + b;

    /// <summary><c>a - b</c>.</summary>
    [Schema("aten::sub.float(float a, float b) -> float")]
    public static double sub_float(double a, double b) => a - b;

    /// <summary><c>a * b</c>.</summary>
    [Schema("aten::mul.float(float a, float b) -> float")]
    public static double mul_float(double a, double b) => a * b;

    /// <summary><c>a / b</c>.</summary>
    [Schema("aten::div.float(float a, float b) -> float")]
    public static double div_float(double a, double b) =>
        b == 0 ? throw new InvalidOperationException("ZeroDivisionError: float division by zero (aten::div)") : a / b;

    /// <summary><c>-a</c>.</summary>
    [Schema("aten::neg.float(float a) -> float")]
    public static double neg_float(double a) => -a;

    /// <summary><c>a == b</c>.</summary>
    [Schema("aten::eq.float(float a, float b) -> bool")]
    public static bool eq_float(double a, double b) => a == b;

    /// <summary><c>a != b</c>.</summary>
    [Schema("aten::ne.float(float a, float b) -> bool")]
    public static bool ne_float(double a, double b) => a != b;

    /// <summary><c>a &lt; b</c>.</summary>
    [Schema("aten::lt.float(float a, float b) -> bool")]
    public static bool lt_float(double a, double b) => a < b;

    /// <summary><c>a &gt; b</c>.</summary>
    [Schema("aten::gt.float(float a, float b) -> bool")]
    public static bool gt_float(double a, double b) => a > b;

    /// <summary><c>a &lt;= b</c>.</summary>
    [Schema("aten::le.float(float a, float b) -> bool")]
    public static bool le_float(double a, double b) => a <= b;

    /// <summary><c>a &gt;= b</c>.</summary>
    [Schema("aten::ge.float(float a, float b) -> bool")]
    public static bool ge_float(double a, double b) => a >= b;

    /// <summary><c>a and b</c> (both evaluated).</summary>
    [Schema("aten::__and__.bool(bool a, bool b) -> bool")]
    public static bool and_bool(bool a, bool b) => a & b;

    /// <summary><c>a or b</c> (both evaluated).</summary>
    [Schema("aten::__or__.bool(bool a, bool b) -> bool")]
    public static bool or_bool(bool a, bool b) => a | b;

    /// <summary><c>a == b</c>.</summary>
    [Schema("aten::eq.bool(bool a, bool b) -> bool")]
    public static bool eq_bool(bool a, bool b) => a == b;

    /// <summary><c>bool(a)</c>: nonzero.</summary>
    [Schema("aten::Bool.int(int a) -> bool")]
    public static bool Bool_int(long a) => a != 0;

    /// <summary><c>bool(a)</c>: nonzero (NaN is true, as in Python).</summary>
    [Schema("aten::Bool.float(float a) -> bool")]
    public static bool Bool_float(double a) => a != 0;

    /// <summary><c>int(a)</c>: truncated toward zero, as in Python.</summary>
    [Schema("aten::Int.float(float a) -> int")]
    public static long Int_float(double a) =>
        double.IsFinite(a) ? (long)a : throw new InvalidOperationException($"aten::Int: cannot convert float {a} to integer");

    /// <summary><c>int(a)</c>: 1 or 0.</summary>
    [Schema("aten::Int.bool(bool a) -> int")]
    public static long Int_bool(bool a) => a ? 1 : 0;

    /// <summary><c>float(a)</c>.</summary>
    [Schema("aten::Float.int(int a) -> float")]
    public static double Float_int(long a) => a;
}
