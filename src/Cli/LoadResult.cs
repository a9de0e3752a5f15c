namespace TorchJit.Cli;

/// <summary>What a <c>torchjit run</c> measured (the table and the <c>--json</c> document).</summary>
internal sealed record LoadResult(
    string Model, string Mode, int Threads, int Batch, int MaxBatch, int Clients, double Seconds,
    long Completed, long Rejected, long TimedOut, long Failed,
    double RequestsPerSecond, double SamplesPerSecond,
    double P50Ms, double P95Ms, double P99Ms, double MaxMs,
    double AllocatedBytesPerRequest, double CpuPercent, int Gen0, int Gen1, int Gen2,
    double CompileMs, long WorkingSetMiB, string Machine);
