using System.Diagnostics.Metrics;

namespace TorchJit.Hosting;

/// <summary>
/// The host's instruments on a meter named <c>TorchJit</c> (read them with
/// <c>dotnet-counters monitor --counters TorchJit -p &lt;pid&gt;</c>). Every measurement carries the host's name as
/// <c>torchjit.host.name</c> through the meter's tags, so recording passes at most one tag of its own and
/// allocates nothing.
/// </summary>
internal sealed class HostMetrics : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "TorchJit";

    private static readonly KeyValuePair<string, object?>[] OutcomeTags =
    [
        new("outcome", "succeeded"),
        new("outcome", "failed"),
        new("outcome", "cancelled"),
        new("outcome", "timed_out"),
        new("outcome", "rejected"),
    ];

    private static readonly KeyValuePair<string, object?> QueueFullTag = new("reason", "queue_full");
    private static readonly KeyValuePair<string, object?> StoppedTag = new("reason", "stopped");

    private readonly Meter meter;
    private readonly Counter<long> requests;
    private readonly Counter<long> rejections;
    private readonly Histogram<double> latency;
    private readonly Histogram<int> batchSize;
    private readonly Histogram<double> compileTime;

    public HostMetrics(string hostName, System.Diagnostics.Metrics.IMeterFactory? factory, Func<int> queueLength)
    {
        var options = new MeterOptions(MeterName) { Tags = [new("torchjit.host.name", hostName)] };
        meter = factory?.Create(options) ?? new Meter(options);
        requests = meter.CreateCounter<long>("torchjit.host.requests", "{request}", "Requests that ended, by outcome: succeeded, failed, cancelled, timed_out, rejected.");
        rejections = meter.CreateCounter<long>("torchjit.host.rejections", "{request}", "Requests refused, by reason: queue_full, stopped.");
        meter.CreateObservableGauge("torchjit.host.queue.length", queueLength, "{request}", "Requests waiting for a worker.");
        latency = meter.CreateHistogram<double>("torchjit.host.latency", "ms", "From submit to completion, for requests that ran.");
        batchSize = meter.CreateHistogram<int>("torchjit.host.batch.size", "{request}", "Requests per model call (1 without dynamic batching).");
        compileTime = meter.CreateHistogram<double>("torchjit.compile.duration", "ms", "Time to compile a module for the host (Jit.Compile).");
    }

    public void Ended(Outcome outcome) => requests.Add(1, OutcomeTags[(int)outcome]);

    public void Rejected(RejectionReason reason)
    {
        requests.Add(1, OutcomeTags[(int)Outcome.Rejected]);
        rejections.Add(1, reason == RejectionReason.QueueFull ? QueueFullTag : StoppedTag);
    }

    public void Latency(double milliseconds) => latency.Record(milliseconds);

    public void Batch(int size) => batchSize.Record(size);

    public void Compiled(double milliseconds) => compileTime.Record(milliseconds);

    public void Dispose() => meter.Dispose();
}
