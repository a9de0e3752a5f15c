using Microsoft.Extensions.Logging;
using TorchJit.Hosting;

namespace TorchJit.Host.Tests;

/// <summary>The <c>TorchJit</c> meter counts each outcome once, shows the queue, the batch sizes and compile time; the logger hears start, rejections and stop.</summary>
public sealed class MetricsAndLoggingTests
{
    [Fact]
    public async Task OutcomesRejectionsQueueLengthAndBatchSizesAreMeasured()
    {
        using var counts = new OutcomeCounter();
        var gate = new Gate();
        var host = new InferenceHost(gate, new InferenceHostOptions
        {
            WorkerCount = 1, QueueCapacity = 3, FullQueue = FullQueueMode.Reject, MaxBatchSize = 4, Name = counts.HostName,
        });
        var running = host.SubmitAsync(Inputs.Tagged(0));
        gate.WaitUntilEntered(1);
        using var cts = new CancellationTokenSource();
        var queued = new[] { host.SubmitAsync(Inputs.Tagged(1)), host.SubmitAsync(Inputs.Tagged(2)), host.SubmitAsync(Inputs.Tagged(3), cts.Token) };
        Assert.Equal(3, counts.Observe("torchjit.host.queue.length"));
        await Assert.ThrowsAsync<InferenceRejectedException>(() => host.SubmitAsync(Inputs.Tagged(4)));
        await Assert.ThrowsAsync<InferenceRejectedException>(() => host.SubmitAsync(Inputs.Tagged(5)));
        cts.Cancel();
        gate.Open();
        await running;
        await Task.WhenAll(queued[0], queued[1]);
        await host.DisposeAsync();

        Assert.Equal(3, counts.Get("succeeded"));
        Assert.Equal(1, counts.Get("cancelled"));
        Assert.Equal(2, counts.Get("rejected"));
        Assert.Equal(2, counts.Sum("torchjit.host.rejections", "queue_full"));
        Assert.Equal(6, counts.Total);
        Assert.Equal(3, counts.Sum("torchjit.host.latency")); // one latency per request that ran
        Assert.Equal(3, counts.Sum("torchjit.host.batch.size")); // 1 (the gated call), then the two queued in one batch
    }

    [Fact]
    public async Task CompileTimeIsMeasuredAndTheLoggerHearsStartRejectionAndStop()
    {
        using var counts = new OutcomeCounter();
        var log = new ListLogger();
        var host = InferenceHost.Compile(TorchJit.Zoo.ModelZoo.Mlp(), new InferenceHostOptions { WorkerCount = 1, Name = counts.HostName }, log);
        await host.SubmitAsync(torch.rand(1, 784));
        await host.DisposeAsync();
        await Assert.ThrowsAsync<InferenceRejectedException>(() => host.SubmitAsync(torch.rand(1, 784)));
        Assert.Equal(1, counts.Sum("torchjit.compile.duration"));
        Assert.Contains(log.Lines, l => l.Contains("started: 1 workers"));
        Assert.Contains(log.Lines, l => l.StartsWith("Information: Compiled Sequential", StringComparison.Ordinal));
        Assert.Contains(log.Lines, l => l.Contains("rejected a request: Stopped"));
        Assert.Contains(log.Lines, l => l.EndsWith("stopped", StringComparison.Ordinal));
    }

    private sealed class ListLogger : ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Lines) Lines.Add($"{logLevel}: {formatter(state, exception)}");
        }
    }
}
