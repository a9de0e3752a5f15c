using System.Diagnostics;
using TorchJit.Hosting;

namespace TorchJit.Host.Tests;

/// <summary>
/// Overload: first the host's capacity is measured (closed loop), then requests arrive at twice that rate for a
/// bounded time. The queue never holds more than its bound, every refused request is counted as a rejection,
/// nothing is lost, and the accepted requests' 99th-percentile latency stays within the timeout.
/// </summary>
public sealed class OverloadTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(250);

    [Fact]
    public async Task TwiceTheCapacityKeepsTheQueueBoundedAndAcceptedLatencyWithinTheTimeout()
    {
        using var counts = new OutcomeCounter();
        var options = new InferenceHostOptions
        {
            WorkerCount = 1, QueueCapacity = 32, FullQueue = FullQueueMode.Reject, DefaultTimeout = Timeout, Name = counts.HostName,
        };
        await using var host = new InferenceHost(new Busy(TimeSpan.FromMicroseconds(200)), options);
        var x = Inputs.Tagged(1);

        // Capacity: 16 callers in a closed loop for 300 ms.
        long served = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            while (clock.ElapsedMilliseconds < 300)
            {
                await host.SubmitAsync(x);
                Interlocked.Increment(ref served);
            }
        })));
        double capacity = served / clock.Elapsed.TotalSeconds;

        // Open loop at twice that for 600 ms, on a thread of its own: one submit every interval, regardless of completions.
        var (latencies, accepted, rejected, maxQueue) = await Task.Factory.StartNew(() => OpenLoop(host, x, capacity), TaskCreationOptions.LongRunning);
        await Task.WhenAll(accepted);
        latencies.Sort();
        double p99 = latencies[(int)(0.99 * (latencies.Count - 1))];
        output.WriteLine($"capacity {capacity:F0}/s; at 2x: {accepted.Count} accepted, {rejected} rejected, max queue {maxQueue}, p99 {p99:F2} ms");
        Assert.True(maxQueue <= options.QueueCapacity, $"queue reached {maxQueue} > {options.QueueCapacity}");
        Assert.True(rejected > 0, $"at 2x capacity ({2 * capacity:F0}/s) nothing was rejected");
        Assert.Equal(rejected, counts.Sum("torchjit.host.rejections", "queue_full"));
        Assert.True(p99 <= Timeout.TotalMilliseconds, $"p99 {p99:F1} ms > timeout {Timeout.TotalMilliseconds} ms (capacity {capacity:F0}/s, {accepted.Count} accepted, {rejected} rejected)");
        Assert.Equal(served + accepted.Count + rejected, counts.Total);
    }

    private static (List<double> Latencies, List<Task> Accepted, int Rejected, int MaxQueue) OpenLoop(InferenceHost host, Tensor x, double capacity)
    {
        var latencies = new List<double>();
        var accepted = new List<Task>();
        int rejected = 0, maxQueue = 0;
        long start = Stopwatch.GetTimestamp();
        long next = start;
        long intervalTicks = (long)(Stopwatch.Frequency / (2 * capacity));
        while (Stopwatch.GetElapsedTime(start) < TimeSpan.FromMilliseconds(600))
        {
            while (Stopwatch.GetTimestamp() < next) Thread.SpinWait(10);
            next += intervalTicks;
            long submitted = Stopwatch.GetTimestamp();
            var task = host.SubmitAsync(x);
            maxQueue = Math.Max(maxQueue, host.QueueLength);
            if (task.IsFaulted && task.Exception!.InnerException is InferenceRejectedException { Reason: RejectionReason.QueueFull })
            {
                rejected++;
                continue;
            }

            accepted.Add(task.ContinueWith(
                _ =>
                {
                    lock (latencies) latencies.Add(Stopwatch.GetElapsedTime(submitted).TotalMilliseconds);
                },
                TaskContinuationOptions.ExecuteSynchronously));
        }

        return (latencies, accepted, rejected, maxQueue);
    }
}
