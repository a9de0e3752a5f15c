using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using TorchJit.Hosting;

namespace TorchJit.Host.Tests;

/// <summary>Listens to one host's <c>torchjit.host.*</c> instruments (by its unique name) as dotnet-counters would.</summary>
internal sealed class OutcomeCounter : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<string, long> counts = new();

    public OutcomeCounter()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == InferenceHost.MeterName && instrument.Meter.Tags?.Any(t => t.Key == "torchjit.host.name" && (string?)t.Value == HostName) == true)
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, 1, tags));
        listener.Start();
    }

    public string HostName { get; } = "test-" + Guid.NewGuid().ToString("N");

    /// <summary>Requests ended with this outcome (succeeded, failed, cancelled, timed_out, rejected).</summary>
    public long Get(string outcome) => counts.GetValueOrDefault("torchjit.host.requests/" + outcome);

    /// <summary>All requests ended.</summary>
    public long Total => counts.Where(kv => kv.Key.StartsWith("torchjit.host.requests/", StringComparison.Ordinal)).Sum(kv => kv.Value);

    /// <summary>The sum of an instrument's values (counts for histograms of doubles), by its first tag's value if any.</summary>
    public long Sum(string instrument, string? tag = null) => counts.GetValueOrDefault(tag is null ? instrument : instrument + "/" + tag);

    public long Observe(string instrument)
    {
        long seen = -1;
        using var probe = new MeterListener();
        probe.InstrumentPublished = (i, l) =>
        {
            if (i.Name == instrument && i.Meter.Tags?.Any(t => t.Key == "torchjit.host.name" && (string?)t.Value == HostName) == true) l.EnableMeasurementEvents(i);
        };
        probe.SetMeasurementEventCallback<int>((_, value, _, _) => seen = value);
        probe.Start();
        probe.RecordObservableInstruments();
        return seen;
    }

    private void Record(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string key = tags.Length > 0 ? instrument.Name + "/" + tags[0].Value : instrument.Name;
        counts.AddOrUpdate(key, value, (_, v) => v + value);
        if (tags.Length > 0) counts.AddOrUpdate(instrument.Name, value, (_, v) => v + value);
    }

    public void Dispose() => listener.Dispose();
}
