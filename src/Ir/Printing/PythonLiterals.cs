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

    /// <summary>
    /// A float as TorchScript writes a constant in both graphs (<c>value=0.10000000000000001</c>) and code
    /// (<c>torch.dropout(x, 0.10000000000000001, False)</c>): <c>IValue::repr</c>. A whole number below 1e10
    /// prints as <c>10.</c> (<c>-0.</c> for negative zero); anything else as C++'s <c>%.17g</c>
    /// (<c>1.0000000000000001e-05</c>, <c>10000000000</c>, <c>1e+17</c>), with <c>inf</c>, <c>-inf</c> and <c>nan</c>.
    /// </summary>
    public static string GraphFloat(double value)
    {
        if (double.IsNaN(value)) return "nan";
        if (double.IsInfinity(value)) return value > 0 ? "inf" : "-inf";
        if ((double.IsNormal(value) || value == 0) && Math.Abs(value) < 1e10 && value == Math.Truncate(value))
            return (value == 0 && double.IsNegative(value) ? "-" : "") + ((long)value).ToString(CultureInfo.InvariantCulture) + ".";
        return SeventeenDigits(value);
    }

    // C's %.17g: 17 significant digits, positional when the exponent is in [-4, 17), trailing zeros dropped.
    private static string SeventeenDigits(double value)
    {
        string e = value.ToString("E16", CultureInfo.InvariantCulture); // -d.dddddddddddddddE+xxx
        bool negative = e.StartsWith('-');
        if (negative) e = e[1..];
        int exponent = int.Parse(e[(e.IndexOf('E') + 1)..], CultureInfo.InvariantCulture);
        string digits = e[0] + e[2..e.IndexOf('E')];
        string body;
        if (exponent < -4 || exponent >= 17)
        {
            string fraction = digits[1..].TrimEnd('0');
            body = digits[0] + (fraction.Length > 0 ? "." + fraction : "") + "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
        }
        else if (exponent < 0)
        {
            body = ("0." + new string('0', -exponent - 1) + digits).TrimEnd('0');
        }
        else
        {
            string whole = digits[..(exponent + 1)];
            string fraction = digits[(exponent + 1)..].TrimEnd('0');
            body = fraction.Length > 0 ? whole + "." + fraction : whole;
        }

        return (negative ? "-" : "") + body;
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
