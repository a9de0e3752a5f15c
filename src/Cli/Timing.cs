using System.Diagnostics;

namespace TorchJit.Cli;

/// <summary>A quick wall-clock estimate for the demo; real measurements are BenchmarkDotNet's (bench/).</summary>
internal static class Timing
{
    /// <summary>
    /// Times <paramref name="a"/> and <paramref name="b"/> in alternating rounds and returns each one's
    /// median microseconds per call: interleaving keeps a noisy neighbour from favouring one side.
    /// </summary>
    public static (double A, double B) Compare(Func<Tensor> a, Func<Tensor> b, double seconds, int rounds = 7)
    {
        Warm(a);
        Warm(b);
        var ta = new double[rounds];
        var tb = new double[rounds];
        for (int r = 0; r < rounds; r++)
        {
            ta[r] = MicrosecondsPerCall(a, seconds / (2 * rounds));
            tb[r] = MicrosecondsPerCall(b, seconds / (2 * rounds));
        }

        Array.Sort(ta);
        Array.Sort(tb);
        return (ta[rounds / 2], tb[rounds / 2]);
    }

    // Long enough for tiered compilation to reach optimized code (a fixed 200 calls was not: the first
    // half-second of a fresh process measured tier-0 kernels, 20x slower).
    private static void Warm(Func<Tensor> call)
    {
        var sw = Stopwatch.StartNew();
        while (sw.ElapsedMilliseconds < 300) call();
    }

    private static double MicrosecondsPerCall(Func<Tensor> call, double seconds)
    {
        long calls = 0;
        var sw = Stopwatch.StartNew();
        long budget = (long)(seconds * Stopwatch.Frequency);
        while (sw.ElapsedTicks < budget)
        {
            for (int i = 0; i < 16; i++) call();
            calls += 16;
        }

        return sw.Elapsed.TotalMicroseconds / calls;
    }
}
