namespace TorchJit.Ir;

/// <summary>
/// Python-semantics number ops on <c>int</c>, <c>float</c> and <c>bool</c> (<c>//</c> and <c>%</c> round toward
/// negative infinity, <c>/</c> on ints is true division, division by zero raises): what PyTorch's printed
/// graphs and the fixture archives use. The C# scripter emits the C#-semantics ops of AtenOps.Scalars.cs
/// (<c>aten::__round_to_zero_floordiv</c>) instead.
/// </summary>
public static partial class AtenOps
{
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

    /// <summary><c>bool(a)</c>: nonzero.</summary>
    [Schema("aten::Bool.int(int a) -> bool")]
    public static bool Bool_int(long a) => a != 0;

    /// <summary><c>bool(a)</c>: nonzero (NaN is true, as in Python).</summary>
    [Schema("aten::Bool.float(float a) -> bool")]
    public static bool Bool_float(double a) => a != 0;

    /// <summary><c>int(a)</c>: 1 or 0.</summary>
    [Schema("aten::Int.bool(bool a) -> int")]
    public static long Int_bool(bool a) => a ? 1 : 0;
}
