using System.Diagnostics;

namespace TorchJit.Cli;

/// <summary>A quick wall-clock estimate for the demo; real measurements are BenchmarkDotNet's (bench/).</summary>
internal static class Timing
{
    public static double MicrosecondsPerCall(Func<Tensor> call, double seconds)
    {
        for (int i = 0; i < 100; i++) call(); // warm up the JIT
        long calls = 0;
        var sw = Stopwatch.StartNew();
        long budget = (long)(seconds * Stopwatch.Frequency);
        while (sw.ElapsedTicks < budget)
        {
            for (int i = 0; i < 64; i++) call();
            calls += 64;
        }

        return sw.Elapsed.TotalMicroseconds / calls;
    }
}
