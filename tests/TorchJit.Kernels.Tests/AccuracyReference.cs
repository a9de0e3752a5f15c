namespace TorchJit.Kernels.Tests;

/// <summary>
/// Double-precision references for the accuracy tests, and the error measure: the distance, in float ulps
/// (ordered bit patterns), between a result and the correctly rounded reference.
/// </summary>
internal static class AccuracyReference
{
    public static double Sigmoid(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));

    public static double GeluTanh(double x) => x * Sigmoid(2 * Math.Sqrt(2 / Math.PI) * (x + (0.044715 * x * x * x)));

    public static double Gelu(double x) => 0.5 * x * Erfc(-x / Math.Sqrt(2));

    public static double Erf(double x) => x < 0 ? -Erf(-x) : x < 3 ? ErfSeries(x) : 1 - ErfcContinuedFraction(x);

    public static double Erfc(double x) => x < 0 ? 2 - Erfc(-x) : x < 3 ? 1 - ErfSeries(x) : ErfcContinuedFraction(x);

    // erf x = 2/sqrt(pi) e^(-x^2) sum_n 2^n x^(2n+1) / (1 3 5 ... (2n+1)) (Abramowitz & Stegun 7.1.6): all
    // terms positive, so no cancellation for 0 <= x < 3.
    private static double ErfSeries(double x)
    {
        double sum = 0, term = x;
        for (int n = 0; n < 400 && term > 1e-19 * sum; n++)
        {
            sum += term;
            term *= 2 * x * x / ((2 * n) + 3);
        }

        return 2 / Math.Sqrt(Math.PI) * Math.Exp(-x * x) * sum;
    }

    // erfc x = e^(-x^2) / sqrt(pi) / (x + (1/2) / (x + 1 / (x + (3/2) / (x + ...)))) (A&S 7.1.14), x >= 3.
    private static double ErfcContinuedFraction(double x)
    {
        double f = 0;
        for (int k = 80; k >= 1; k--)
        {
            f = k / 2.0 / (x + f);
        }

        return Math.Exp(-x * x) / Math.Sqrt(Math.PI) / (x + f);
    }

    /// <summary>Ulps between <paramref name="actual"/> and the reference rounded to float; 0 when both are NaN, huge when only one is.</summary>
    public static long UlpDistance(float actual, double reference)
    {
        float e = (float)reference;
        if (float.IsNaN(actual) || float.IsNaN(e))
        {
            return float.IsNaN(actual) && float.IsNaN(e) ? 0 : long.MaxValue;
        }

        return Math.Abs(Ordered(actual) - Ordered(e));
    }

    private static long Ordered(float f)
    {
        int b = BitConverter.SingleToInt32Bits(f);
        return b < 0 ? (long)int.MinValue - b : b;
    }
}
