using System.Text.Json;
using Spectre.Console;

namespace TorchJit.Cli;

/// <summary>
/// <c>torchjit run --model mlp --mode compiled --threads 2 --batch 1 --duration 10</c>: a load test of the
/// inference host with live progress, then a table (or <c>--json</c>) of throughput, latency percentiles,
/// rejections, allocations per request and CPU use.
/// </summary>
internal static class RunCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static async Task<int> RunAsync(LoadSettings settings, bool json)
    {
        var test = new LoadTest(settings);
        LoadResult result;
        if (json)
        {
            result = await test.RunAsync(null);
            Console.WriteLine(JsonSerializer.Serialize(result, Json));
            return result.Failed == 0 ? 0 : 1;
        }

        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(settings.Model)}[/] ({(settings.Compiled ? "compiled" : "eager")}) on the host: {settings.Threads} worker(s), batch {settings.Batch}, {settings.Clients} clients, dynamic batching up to {settings.MaxBatch}");
        result = await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn())
            .StartAsync(async ctx =>
            {
                var warm = ctx.AddTask("warm-up", maxValue: 1);
                var measure = ctx.AddTask("measuring", maxValue: 1, autoStart: false);
                return await test.RunAsync(p =>
                {
                    var task = p.Phase == "warm-up" ? warm : measure;
                    if (!task.IsStarted) task.StartTask();
                    task.Value = p.Fraction;
                    task.Description = $"{p.Phase}: {p.RequestsPerSecond,9:N0} req/s  p99 {p.P99Ms,7:0.000} ms  queue {p.QueueLength,4}  rejected {p.Rejected:N0}";
                });
            });
        AnsiConsole.Write(Table(result));
        return result.Failed == 0 ? 0 : 1;
    }

    public static Table Table(LoadResult r)
    {
        var table = new Table().AddColumns("measure", "value").Title($"{r.Model} {r.Mode}, {r.Threads} worker(s), batch {r.Batch}, {r.Seconds:0.0} s on {r.Machine}");
        table.AddRow("throughput", $"{r.RequestsPerSecond:N0} req/s ({r.SamplesPerSecond:N0} samples/s)");
        table.AddRow("latency p50 / p95 / p99 / max", $"{r.P50Ms:0.000} / {r.P95Ms:0.000} / {r.P99Ms:0.000} / {r.MaxMs:0.000} ms");
        table.AddRow("requests", $"{r.Completed:N0} completed, {r.Rejected:N0} rejected, {r.TimedOut:N0} timed out, {r.Failed:N0} failed");
        table.AddRow("allocated", $"{r.AllocatedBytesPerRequest:N0} bytes per request (all threads; includes the result)");
        table.AddRow("CPU", $"{r.CpuPercent:0}% of {Environment.ProcessorCount} cores");
        table.AddRow("collections", $"gen0 {r.Gen0}, gen1 {r.Gen1}, gen2 {r.Gen2}; working set {r.WorkingSetMiB} MiB");
        if (r.Mode == "compiled") table.AddRow("compile", $"{r.CompileMs:0.0} ms");
        return table;
    }
}
