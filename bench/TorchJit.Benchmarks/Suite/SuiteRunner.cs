using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace TorchJit.Benchmarks.Suite;

/// <summary>
/// <c>--suite short|full [workload...]</c>: runs issue 7's workloads (eager, compiled O0/O2, ONNX Runtime; 1 and 2
/// threads) and writes the table and the chart of ratios to <c>bench/TorchJit.Benchmarks/results/issue7-{mode}.md/.png</c>.
/// Short: in-process, 3 warmups and 7 measured iterations of ~120 ms each (the whole suite in about 5 minutes).
/// Full: BenchmarkDotNet's default job, a separate process per benchmark (for recording).
/// </summary>
public static class SuiteRunner
{
    private static readonly Type[] Workloads = [typeof(SuiteCond), typeof(SuiteMlp), typeof(SuiteChain), typeof(SuiteGemm), typeof(SuiteCnn), typeof(SuiteTransformer)];

    public static int Run(string mode, IReadOnlyList<string> only, string outputDirectory)
    {
        var job = mode switch
        {
            "short" => Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1).WithWarmupCount(3)
                .WithIterationCount(7).WithIterationTime(TimeInterval.FromMilliseconds(120)).WithId("Short"),
            "full" => Job.Default.WithId("Full"),
            _ => null,
        };
        if (job is null)
        {
            Console.Error.WriteLine($"--suite: unknown mode '{mode}'; use short or full");
            return 2;
        }

        var types = Workloads.Where(t => only.Count == 0 || only.Any(o => t.Name.Contains(o, StringComparison.OrdinalIgnoreCase))).ToArray();
        var config = ManualConfig.Create(DefaultConfig.Instance).AddJob(job).AddDiagnoser(MemoryDiagnoser.Default)
            .WithOptions(ConfigOptions.JoinSummary);
        var started = DateTime.UtcNow;
        var summaries = BenchmarkRunner.Run(types, config);
        var elapsed = DateTime.UtcNow - started;
        var rows = SuiteReport.Rows(summaries);
        Directory.CreateDirectory(outputDirectory);
        string name = Path.Combine(outputDirectory, $"issue7-{mode}");
        File.WriteAllText(name + ".md", SuiteReport.Markdown(rows, summaries, mode, elapsed));
        SuiteChart.Write(rows, name + ".png", mode);
        Console.WriteLine($"wrote {name}.md and {name}.png ({elapsed.TotalMinutes:F1} min)");
        return 0;
    }
}
