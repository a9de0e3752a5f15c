using System.Globalization;
using System.Text;
using BenchmarkDotNet.Reports;

namespace TorchJit.Benchmarks.Suite;

/// <summary>One workload at one thread count: the median of each engine (ns) and the allocation per call (bytes).</summary>
public sealed record SuiteRow(string Workload, int Threads, double Flops, Dictionary<string, double> Median, Dictionary<string, long> Allocated)
{
    public double Ratio(string a, string b) => Median.TryGetValue(a, out var x) && Median.TryGetValue(b, out var y) ? x / y : double.NaN;
}

/// <summary>Turns BenchmarkDotNet's summaries into issue 7's table: medians, ratios to eager and to ONNX Runtime, allocations.</summary>
public static class SuiteReport
{
    public static readonly string[] Engines = ["Eager", "CompiledO0", "Compiled", "OnnxRuntime"];

    public static List<SuiteRow> Rows(IEnumerable<Summary> summaries)
    {
        var rows = new Dictionary<string, SuiteRow>(StringComparer.Ordinal);
        foreach (var summary in summaries)
        {
            foreach (var report in summary.Reports)
            {
                if (report.ResultStatistics is not { } stats) continue;
                var c = report.BenchmarkCase;
                string Param(string n) => c.Parameters.Items.FirstOrDefault(p => p.Name == n)?.Value?.ToString() ?? "";
                int threads = int.Parse(Param("Threads"), CultureInfo.InvariantCulture);
                string workload = Label(c.Descriptor.Type.Name, Param("Batch"), Param("N"));
                double flops = c.Descriptor.Type == typeof(SuiteGemm) ? 2 * Math.Pow(double.Parse(Param("N"), CultureInfo.InvariantCulture), 3) : 0;
                string key = workload + "|" + threads;
                if (!rows.TryGetValue(key, out var row)) rows[key] = row = new SuiteRow(workload, threads, flops, [], []);
                row.Median[c.Descriptor.WorkloadMethod.Name] = stats.Median;
                row.Allocated[c.Descriptor.WorkloadMethod.Name] = report.GcStats.GetBytesAllocatedPerOperation(c) ?? -1;
            }
        }

        // The issue's order: workloads as listed, 1 thread before 2.
        return [.. rows.Values.OrderBy(r => Order(r.Workload)).ThenBy(r => r.Workload, StringComparer.Ordinal).ThenBy(r => r.Threads)];
    }

    private static int Order(string workload) =>
        Array.FindIndex(["CondModel", "MLP", "chain", "GEMM", "CNN", "Transformer"], p => workload.StartsWith(p, StringComparison.Ordinal));

    private static string Label(string type, string batch, string n) => type switch
    {
        nameof(SuiteCond) => "CondModel 2×3",
        nameof(SuiteMlp) => $"MLP 784-512-512-10 b{batch}",
        nameof(SuiteChain) => "chain 1M floats",
        nameof(SuiteGemm) => $"GEMM {n}³",
        nameof(SuiteCnn) => $"CNN b{batch}",
        nameof(SuiteTransformer) => "Transformer layer b1",
        _ => type,
    };

    public static string Markdown(IReadOnlyList<SuiteRow> rows, IEnumerable<Summary> summaries, string mode, TimeSpan elapsed)
    {
        var s = new StringBuilder();
        s.AppendLine(CultureInfo.InvariantCulture, $"Mode {mode}, {elapsed.TotalMinutes:F1} min, {summaries.Sum(x => x.Reports.Length)} benchmarks. {System.Runtime.InteropServices.RuntimeInformation.OSDescription}; {Cpu()}, {Environment.ProcessorCount} logical cores; .NET {Environment.Version}; AVX2 {System.Runtime.Intrinsics.X86.Avx2.IsSupported}, FMA {System.Runtime.Intrinsics.X86.Fma.IsSupported}, AVX-512F {System.Runtime.Intrinsics.X86.Avx512F.IsSupported}.");
        s.AppendLine();
        s.AppendLine("| workload | threads | eager | compiled O0 | compiled O2 | ONNX Runtime | O2 / eager | O2 / ORT | O0 / ORT | alloc O2 | alloc ORT | alloc eager |");
        s.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            s.Append(CultureInfo.InvariantCulture, $"| {r.Workload} | {r.Threads} ");
            foreach (var e in Engines) s.Append(CultureInfo.InvariantCulture, $"| {Time(r, e)} ");
            s.Append(CultureInfo.InvariantCulture, $"| {r.Ratio("Compiled", "Eager"):F3} | **{r.Ratio("Compiled", "OnnxRuntime"):F3}** | {r.Ratio("CompiledO0", "OnnxRuntime"):F3} ");
            s.AppendLine(CultureInfo.InvariantCulture, $"| {Bytes(r, "Compiled")} | {Bytes(r, "OnnxRuntime")} | {Bytes(r, "Eager")} |");
        }

        return s.ToString();
    }

    private static string Cpu()
    {
        const string path = "/proc/cpuinfo";
        if (!File.Exists(path)) return "CPU unknown";
        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line is null ? "CPU unknown" : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    // Medians with a unit; for GEMMs also GFLOP/s (2·N³ / time).
    private static string Time(SuiteRow r, string engine)
    {
        if (!r.Median.TryGetValue(engine, out var ns)) return "—";
        string t = ns switch
        {
            < 1e3 => $"{ns:F1} ns",
            < 1e6 => $"{ns / 1e3:F2} µs",
            _ => $"{ns / 1e6:F2} ms",
        };
        return r.Flops > 0 ? FormattableString.Invariant($"{t} ({r.Flops / ns:F1} GFLOP/s)") : FormattableString.Invariant($"{t}");
    }

    private static string Bytes(SuiteRow r, string engine) => r.Allocated.TryGetValue(engine, out var b) ? FormattableString.Invariant($"{b} B") : "—";
}
