using Xunit.Abstractions;
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
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task TwiceTheCapacityKeepsTheQueueBoundedAndAcceptedLatencyWithinTheTimeout()
    {
        using var counts = new OutcomeCounter();
        var options = new InferenceHostOptions
        {
            WorkerCount = 1, QueueCapacity = 8, FullQueue = FullQueueMode.Reject, DefaultTimeout = Timeout, Name = counts.HostName,
            // Latency is read when the host completes a request, not when a busy thread pool gets round to the
            // caller's continuation: the bound is the host's, and a loaded machine's pool would blur it.
            RunContinuationsOnWorker = true,
        };
        await using var host = new InferenceHost(new Busy(TimeSpan.FromMicroseconds(200)), options);
        var x = Inputs.Tagged(1);

        for (int i = 0; i < 50; i++) await host.SubmitAsync(x); // warm: the first eager op initialises the op registry

        // Capacity: the completion rate with the queue kept full (a submit whenever a slot is free), so the worker
        // never waits for a caller: what the host can serve, not what a caller's round trip allows.
        // Completions are counted where the host counts them (on the worker), not in callers' continuations, which
        // a busy thread pool may run late.
        var saturated = await Task.Factory.StartNew(() => Saturate(host, x, options.QueueCapacity, TimeSpan.FromMilliseconds(300), counts), TaskCreationOptions.LongRunning);
        await Task.WhenAll(saturated.Tasks);
        long served = saturated.Tasks.Count;
        double capacity = saturated.Completed / saturated.Elapsed.TotalSeconds;

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
        Assert.Equal(50 + served + accepted.Count + rejected, counts.Total);
    }

    private static (List<Task> Tasks, long Completed, TimeSpan Elapsed) Saturate(InferenceHost host, Tensor x, int queue, TimeSpan duration, OutcomeCounter counts)
    {
        var tasks = new List<Task>();
        long before = counts.Get("succeeded");
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            if (host.QueueLength >= queue)
            {
                Thread.SpinWait(20);
                continue;
            }

            tasks.Add(host.SubmitAsync(x));
        }

        return (tasks, counts.Get("succeeded") - before, clock.Elapsed);
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
