namespace TorchJit.Tests.Conformance;

/// <summary>
/// Float64 scalar references with PyTorch's formulas, so special values come out as ATen's give them
/// (gelu(-inf) = -inf·0 = NaN, silu(-inf) = -inf/inf = NaN, sigmoid(-inf) = 0).
/// </summary>
internal static class RefMath
{
    public static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    public static double Silu(double x) => x / (1 + Math.Exp(-x));

    public static double Relu(double x) => double.IsNaN(x) ? x : x > 0 ? x : 0;

    public static double LeakyRelu(double x, double slope) => x > 0 ? x : x * slope;

    /// <summary>ATen's clamp: NaN stays NaN, then max with the lower bound, then min with the upper (so min &gt; max gives max).</summary>
    public static double Clamp(double x, double lo, double hi) => double.IsNaN(x) ? x : Math.Min(Math.Max(x, lo), hi);

    public static double Gelu(double x) => 0.5 * x * (1 + Erf(x / Math.Sqrt(2)));

    public static double GeluTanh(double x) => 0.5 * x * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (x + (0.044715 * x * x * x))));

    public static double Rsqrt(double x) => 1 / Math.Sqrt(x);

    /// <summary>
    /// torch.pow(tensor, number) on float32 as ATen's CPU kernel computes it: 0.5, -0.5 and -1 run sqrt,
    /// rsqrt and reciprocal; 2, 3 and -2 run products; anything else std::pow (so pow(-inf, 0.5) is NaN, and
    /// pow(-0, -0.5) is -inf, where C's pow gives +inf for both).
    /// </summary>
    public static double PowScalar(double x, double e) => e switch
    {
        0.5 => Math.Sqrt(x),
        -0.5 => Rsqrt(x),
        -1 => 1 / x,
        2 => x * x,
        3 => x * x * x,
        -2 => 1 / (x * x),
        _ => Math.Pow(x, e),
    };

    /// <summary>erf to ~1e-15: the positive-term series below 3 (A&amp;S 7.1.6), the erfc continued fraction above (A&amp;S 7.1.14).</summary>
    public static double Erf(double x)
    {
        if (double.IsNaN(x)) return x;
        if (x < 0) return -Erf(-x);
        if (x >= 3) return 1 - ErfcLarge(x);
        double sum = 0, term = x;
        for (int n = 0; term > 1e-18 * sum; n++)
        {
            sum += term;
            term *= 2 * x * x / ((2 * n) + 3);
        }

        return 2 / Math.Sqrt(Math.PI) * Math.Exp(-x * x) * sum;
    }

    private static double ErfcLarge(double x)
    {
        if (double.IsPositiveInfinity(x)) return 0;
        double f = 0;
        for (int k = 60; k >= 1; k--) f = k / 2.0 / (x + f);
        return Math.Exp(-x * x) / Math.Sqrt(Math.PI) / (x + f);
    }
}
