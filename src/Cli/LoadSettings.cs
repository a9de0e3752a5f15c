using TorchJit.Hosting;

namespace TorchJit.Cli;

/// <summary>What <c>torchjit run</c> measures: a zoo model on the host, driven by closed-loop clients.</summary>
/// <param name="Model">The zoo model.</param>
/// <param name="Compiled">Compiled (true) or eager (false).</param>
/// <param name="Threads">Host workers.</param>
/// <param name="Batch">Copies of the example input per request, along dimension 0 (MLP: rows).</param>
/// <param name="Duration">Seconds measured, after the warm-up.</param>
/// <param name="MaxBatch">Dynamic batching: requests per model call at most (1: off).</param>
/// <param name="Clients">Callers, each with one request in flight.</param>
/// <param name="Queue">Queue capacity.</param>
/// <param name="FullQueue">What a full queue does.</param>
/// <param name="TimeoutMs">Request timeout in milliseconds.</param>
/// <param name="Inline">Run callers' continuations on the worker (no thread-pool hop).</param>
/// <param name="WarmUp">Seconds of load before measuring (tiered JIT, plans, arenas).</param>
internal sealed record LoadSettings(
    string Model, bool Compiled, int Threads, int Batch, double Duration, int MaxBatch, int Clients, int Queue,
    FullQueueMode FullQueue, double TimeoutMs, bool Inline, double WarmUp);
