using System.Diagnostics;
using System.Runtime.Intrinsics.X86;
using TorchJit.Hosting;
using TorchJit.Zoo;

namespace TorchJit.Cli;

/// <summary>
/// A load test of the <see cref="InferenceHost"/>: <see cref="LoadSettings.Clients"/> callers, each submitting,
/// awaiting and submitting again (closed loop), first for a warm-up, then for the measured duration. Latency is
/// the caller's: from submit to the awaited result.
/// </summary>
internal sealed class LoadTest(LoadSettings settings)
{
    private readonly Client[] clients = Enumerable.Range(0, settings.Clients).Select(_ => new Client()).ToArray();
    private volatile bool stopping;

    /// <summary>Live figures for a progress display.</summary>
    public readonly record struct Progress(string Phase, double Fraction, double RequestsPerSecond, double P99Ms, int QueueLength, long Rejected);

    public async Task<LoadResult> RunAsync(Action<Progress>? report)
    {
        var zoo = ModelZoo.Get(settings.Model);
        var module = zoo.Create();
        module.eval();
        double compileMs = 0;
        var model = module;
        if (settings.Compiled)
        {
            long start = Stopwatch.GetTimestamp();
            model = Jit.Compile(module);
            compileMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        var input = BatchOf(zoo.ExampleInput(), settings.Batch);
        await using var host = new InferenceHost(model, new InferenceHostOptions
        {
            WorkerCount = settings.Threads,
            QueueCapacity = settings.Queue,
            FullQueue = settings.FullQueue,
            DefaultTimeout = TimeSpan.FromMilliseconds(settings.TimeoutMs),
            MaxBatchSize = settings.MaxBatch,
            RunContinuationsOnWorker = settings.Inline,
            Name = "torchjit-run",
        });

        var running = clients.Select(c => Task.Run(() => ClientAsync(c, host, input))).ToArray();
        await Phase("warm-up", settings.WarmUp, host, report);
        Reset();
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
        long started = Stopwatch.GetTimestamp();
        await Phase("measuring", settings.Duration, host, report);
        double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var latency = LatencyHistogram.Merge(clients.Select(c => c.Latency));
        long done = Sum(c => c.Completed);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        process.Refresh();
        double cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds / (seconds * Environment.ProcessorCount) * 100;
        var result = new LoadResult(
            settings.Model, settings.Compiled ? "compiled" : "eager", settings.Threads, settings.Batch, settings.MaxBatch, settings.Clients, seconds,
            done, Sum(c => c.Rejected), Sum(c => c.TimedOut), Sum(c => c.Failed),
            done / seconds, done * settings.Batch / seconds,
            latency.Percentile(0.50), latency.Percentile(0.95), latency.Percentile(0.99), latency.Percentile(1.0),
            done == 0 ? 0 : (double)allocated / done, cpu,
            GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2,
            compileMs, process.WorkingSet64 >> 20, Machine());
        stopping = true;
        await Task.WhenAll(running);
        return result;
    }

    /// <summary><paramref name="batch"/> copies of the example along dimension 0 (the MLP's [1, 784] becomes [batch, 784]).</summary>
    public static Tensor BatchOf(Tensor example, int batch)
    {
        if (batch == 1) return example;
        var shape = example.Shape.ToArray();
        var data = example.ToArray();
        var rows = new float[data.Length * batch];
        for (int b = 0; b < batch; b++) data.CopyTo(rows, b * data.Length);
        shape[0] *= batch;
        return Tensor.FromArray(rows, shape);
    }

    public static string Machine() =>
        $"{Environment.ProcessorCount} cores, {(Avx512F.IsSupported ? "AVX-512" : Avx2.IsSupported ? "AVX2" : "no AVX2")}, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}";

    private async Task ClientAsync(Client client, InferenceHost host, Tensor input)
    {
        while (!stopping)
        {
            long start = Stopwatch.GetTimestamp();
            try
            {
                await host.SubmitAsync(input).ConfigureAwait(false);
                client.Latency.Record((long)Stopwatch.GetElapsedTime(start).TotalMicroseconds);
                Volatile.Write(ref client.Completed, client.Completed + 1); // one writer: no interlocked operation
            }
            catch (InferenceRejectedException)
            {
                Volatile.Write(ref client.Rejected, client.Rejected + 1);
                await Task.Yield(); // a refused caller comes back later, not in a tight loop
            }
            catch (InferenceTimeoutException)
            {
                Volatile.Write(ref client.TimedOut, client.TimedOut + 1);
            }
            catch (Exception)
            {
                Volatile.Write(ref client.Failed, client.Failed + 1);
                if (Sum(c => c.Failed) == 1) throw; // the first failure says what is wrong
            }
        }
    }

    private long Sum(Func<Client, long> field)
    {
        long total = 0;
        foreach (var c in clients) total += field(c);
        return total;
    }

    private async Task Phase(string name, double seconds, InferenceHost host, Action<Progress>? report)
    {
        var clock = Stopwatch.StartNew();
        long lastCount = Sum(c => c.Completed);
        var lastTime = TimeSpan.Zero;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(250, Math.Max(1, (seconds - clock.Elapsed.TotalSeconds) * 1000)))).ConfigureAwait(false);
            long count = Sum(c => c.Completed);
            var now = clock.Elapsed;
            double rate = (count - lastCount) / Math.Max(1e-9, (now - lastTime).TotalSeconds);
            (lastCount, lastTime) = (count, now);
            double p99 = LatencyHistogram.Merge(clients.Select(c => c.Latency)).Percentile(0.99);
            report?.Invoke(new Progress(name, Math.Min(1, now.TotalSeconds / seconds), rate, p99, host.QueueLength, Sum(c => c.Rejected)));
        }
    }

    // Between the warm-up and the measurement; the clients keep running, so a count may straddle the reset.
    private void Reset()
    {
        foreach (var c in clients)
        {
            c.Latency.Clear();
            Volatile.Write(ref c.Completed, 0);
            Volatile.Write(ref c.Rejected, 0);
            Volatile.Write(ref c.TimedOut, 0);
            Volatile.Write(ref c.Failed, 0);
        }
    }

    // One caller's figures, written by it alone (its continuations may run on any worker, one at a time).
    private sealed class Client
    {
        public readonly LatencyHistogram Latency = new();
        public long Completed;
        public long Rejected;
        public long TimedOut;
        public long Failed;
    }
}
