using System.Runtime.CompilerServices;

namespace TorchJit.Kernels.Tests;

/// <summary>
/// Comparisons against float64 references. The base is PyTorch's assert_close for float32 (rtol 1.3e-6,
/// atol 1e-5). A float32 sum of n terms can be off by about log2(n)..n rounding errors of the running partial
/// sums, so reductions longer than <see cref="ShortAxis"/> use rtol = 1e-5 (the "long reduction" loosening),
/// and sums also allow that rtol relative to sum|x| (cancellation: the result can be far smaller than the
/// terms whose rounding errors it carries).
/// </summary>
internal static class ReductionTolerance
{
    public const double Rtol = 1.3e-6;
    public const double Atol = 1e-5;
    public const double LongRtol = 1e-5;
    public const int ShortAxis = 64;

    public static double RtolFor(int axis) => axis <= ShortAxis ? Rtol : LongRtol;

    /// <summary>NaN must match NaN, infinities must match exactly, finite values within atol + rtol * |expected|.</summary>
    public static bool Close(double expected, float actual, double rtol, double atol = Atol)
    {
        if (double.IsNaN(expected))
        {
            return float.IsNaN(actual);
        }

        if (double.IsInfinity(expected))
        {
            return actual == expected;
        }

        return Math.Abs(actual - expected) <= atol + (rtol * Math.Abs(expected));
    }

    public static void AssertClose(
        double expected, float actual, double rtol,
        [InterpolatedStringHandlerArgument("expected", "actual", "rtol")] ref CloseFailure context) =>
        context.ThrowIfFailed(expected, actual, rtol, Atol);

    public static void AssertClose(
        double expected, float actual, double rtol, double atol,
        [InterpolatedStringHandlerArgument("expected", "actual", "rtol", "atol")] ref CloseFailure context) =>
        context.ThrowIfFailed(expected, actual, rtol, atol);

    /// <summary>Data for the axis kernels: offset + scale * uniform in [-1, 1), plus one in eight a special (NaN, +-Inf, -0, 0) when asked.</summary>
    public static float[] Data(Random rng, int n, bool specials = false, float offset = 0f, float scale = 1f)
    {
        float[] special = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0f, 0f];
        var x = new float[n];
        for (int k = 0; k < n; k++)
        {
            x[k] = specials && rng.Next(8) == 0 ? special[rng.Next(special.Length)] : offset + (scale * (float)((rng.NextDouble() * 2) - 1));
        }

        return x;
    }

    /// <summary>Small integers in [-3, 3] so the max and min are tied often (first-occurrence checks).</summary>
    public static float[] Ties(Random rng, int n)
    {
        var x = new float[n];
        for (int k = 0; k < n; k++)
        {
            x[k] = rng.Next(-3, 4);
        }

        return x;
    }
}

/// <summary>The context message of <see cref="ReductionTolerance.AssertClose(double, float, double, ref CloseFailure)"/>, formatted only when the check fails (the loops check millions of elements).</summary>
[InterpolatedStringHandler]
public ref struct CloseFailure
{
    private DefaultInterpolatedStringHandler message;
    private readonly bool failed;

    public CloseFailure(int literalLength, int formattedCount, double expected, float actual, double rtol, out bool shouldAppend)
        : this(literalLength, formattedCount, expected, actual, rtol, ReductionTolerance.Atol, out shouldAppend)
    {
    }

    public CloseFailure(int literalLength, int formattedCount, double expected, float actual, double rtol, double atol, out bool shouldAppend)
    {
        failed = shouldAppend = !ReductionTolerance.Close(expected, actual, rtol, atol);
        message = failed ? new DefaultInterpolatedStringHandler(literalLength, formattedCount) : default;
    }

    public void AppendLiteral(string value) => message.AppendLiteral(value);

    public void AppendFormatted<T>(T value) => message.AppendFormatted(value);

    public void AppendFormatted<T>(T value, string? format) => message.AppendFormatted(value, format);

    public void ThrowIfFailed(double expected, float actual, double rtol, double atol)
    {
        if (failed)
        {
            Assert.Fail($"{message.ToStringAndClear()}: expected {expected:R}, got {actual:R} (|diff| {Math.Abs(actual - expected):E3}, rtol {rtol}, atol {atol})");
        }
    }
}
