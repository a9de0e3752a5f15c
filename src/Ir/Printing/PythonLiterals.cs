using System.Globalization;

namespace TorchJit;

/// <summary>
/// Number literals as Python's <c>repr</c> writes them, which is what TorchScript's printers use:
/// <c>10.</c> for a whole float in code, round-trip digits otherwise, <c>inf</c>/<c>nan</c> spelled out.
/// </summary>
public static class PythonLiterals
{
    /// <summary>A float as TorchScript's code printer writes it (<c>10.</c>, <c>0.5</c>, <c>1e-05</c>, <c>1e+16</c>).</summary>
    public static string Float(double value)
    {
        if (double.IsNaN(value)) return "nan";
        if (double.IsPositiveInfinity(value)) return "inf";
        if (double.IsNegativeInfinity(value)) return "-inf";
        return Repr(value.ToString("R", CultureInfo.InvariantCulture));
    }

    /// <summary>A float as the graph printer writes a float attribute (<c>value=10.</c>).</summary>
    public static string GraphFloat(double value)
    {
        // ir.cpp prints with max_digits10 (17 significant digits): 0.10000000000000001; whole numbers as 10.
        if (!double.IsFinite(value) || (value == Math.Round(value) && Math.Abs(value) < 1e16)) return Float(value);
        return Repr(value.ToString("G17", CultureInfo.InvariantCulture));
    }

    // Python's repr: the shortest digits, in positional notation when the decimal exponent is in
    // [-4, 16), else as d.ddde+XX; whole numbers end in '.' (TorchScript's spelling of 10.0).
    private static string Repr(string roundTrip)
    {
        bool negative = roundTrip.StartsWith('-');
        string s = negative ? roundTrip[1..] : roundTrip;
        int exponent = 0;
        int e = s.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(s[(e + 1)..], CultureInfo.InvariantCulture);
            s = s[..e];
        }

        int dot = s.IndexOf('.');
        string digits = dot < 0 ? s : s[..dot] + s[(dot + 1)..];
        int pointPosition = (dot < 0 ? s.Length : dot) + exponent;
        int leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        pointPosition -= leadingZeros;
        if (digits.Length == 0) return (negative ? "-" : "") + "0.";
        int decimalExponent = pointPosition - 1;
        string body;
        if (decimalExponent >= 16 || decimalExponent < -4)
        {
            string mantissa = digits.Length == 1 ? digits : digits[0] + "." + digits[1..];
            body = mantissa + "e" + (decimalExponent < 0 ? "-" : "+") + Math.Abs(decimalExponent).ToString("00", CultureInfo.InvariantCulture);
        }
        else if (pointPosition <= 0)
        {
            body = "0." + new string('0', -pointPosition) + digits;
        }
        else if (pointPosition >= digits.Length)
        {
            body = digits + new string('0', pointPosition - digits.Length) + ".";
        }
        else
        {
            body = digits[..pointPosition] + "." + digits[pointPosition..];
        }

        return (negative ? "-" : "") + body;
    }
}
