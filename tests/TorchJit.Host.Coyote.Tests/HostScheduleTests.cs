using Xunit.Abstractions;
using Microsoft.Coyote.Specifications;
using TorchJit.Hosting;

namespace TorchJit.Host.Coyote.Tests;

/// <summary>
/// The host's protocols under Coyote's systematic scheduler, 1,000 schedules each: submit, cancel, timeout,
/// dispose while running, an idle worker's wake-up (and, in FirstCompileTests, threads racing to build a compiled
/// module's first plan). Coyote controls the host's worker and sweeper threads, the test's tasks, semaphores,
/// spins, Interlocked, Volatile, field and ConcurrentQueue accesses (all rewritten), and reports a bug on a failed
/// assertion, an unhandled exception, or a deadlock (a task that never completes). Mutation check: removing
/// WorkQueue's last look before sleeping fails four of these tests.
/// </summary>
public sealed class HostScheduleTests(ITestOutputHelper output)
{
    [Fact]
    public void ConcurrentSubmitsEachGetTheirOwnResult() => Systematic.Run(async () =>
    {
        var model = new Stepper();
        var host = new InferenceHost(model, new InferenceHostOptions
        {
            RunContinuationsOnWorker = true,
            WorkerCount = 2, QueueCapacity = 2, FullQueue = FullQueueMode.Wait, MaxBatchSize = 2, MaxBatchDelay = TimeSpan.Zero,
            DefaultTimeout = Timeout.InfiniteTimeSpan,
        });
        var submitters = Enumerable.Range(0, 3).Select(s => Task.Run(async () =>
        {
            for (int i = 0; i < 2; i++)
            {
                int id = s * 10 + i;
                var result = await host.SubmitAsync(Stepper.Input(id, rows: 1 + s % 2));
                Specification.Assert(Stepper.IsResultOf(result, id, rows: 1 + s % 2), $"request {id} got another's result");
            }
        })).ToArray();
        await Task.WhenAll(submitters);
        await host.DisposeAsync();
        Specification.Assert(model.Seen.Count == 6 + 2 * 1, $"model saw {model.Seen.Count} rows, expected 8: a request ran twice or not at all");
        Specification.Assert(host.QueueLength == 0, "slots held after dispose");
        Specification.Assert(host.Buffers.Outstanding == 0, "a batch buffer was not returned");
    }, output: output);

    [Fact]
    public void CancelledRequestsEndCancelledOrWithTheirResultAndLeakNothing() => Systematic.Run(async () =>
    {
        var model = new Stepper();
        var host = new InferenceHost(model, new InferenceHostOptions { RunContinuationsOnWorker = true, WorkerCount = 1, MaxBatchSize = 3, MaxBatchDelay = TimeSpan.Zero, DefaultTimeout = Timeout.InfiniteTimeSpan });
        var sources = Enumerable.Range(0, 3).Select(_ => new CancellationTokenSource()).ToArray();
        var tasks = Enumerable.Range(0, 3).Select(i => host.SubmitAsync(Stepper.Input(i), sources[i].Token)).ToArray();
        var canceller = Task.Run(() =>
        {
            sources[0].Cancel();
            sources[2].Cancel();
        });
        for (int i = 0; i < 3; i++)
        {
            try
            {
                var result = await tasks[i];
                Specification.Assert(Stepper.IsResultOf(result, i), $"request {i} got a wrong result");
            }
            catch (OperationCanceledException)
            {
                Specification.Assert(i != 1, "request 1 was cancelled but its token never fired");
                Specification.Assert(tasks[i].IsCanceled, $"request {i}: cancellation must end the task as Canceled");
            }
        }

        await canceller;
        await host.DisposeAsync();
        Specification.Assert(model.Seen.Contains(1f), "request 1 never ran");
        Specification.Assert(host.Buffers.Outstanding == 0, "a batch buffer was not returned after cancellation");
        foreach (var s in sources) s.Dispose();
    }, output: output);

    [Fact]
    public void TimedOutRequestsNeverRunAndEveryRequestEndsOnce() => Systematic.Run(async () =>
    {
        var model = new Stepper();
        var host = new InferenceHost(model, new InferenceHostOptions
        {
            RunContinuationsOnWorker = true,
            WorkerCount = 1, DefaultTimeout = TimeSpan.FromMilliseconds(25), TimeProvider = new SteppingClock(),
        });
        var tasks = Enumerable.Range(0, 4).Select(i => Task.Run(() => host.SubmitAsync(Stepper.Input(i)))).ToArray();
        var timedOut = new List<int>();
        for (int i = 0; i < tasks.Length; i++)
        {
            try
            {
                Specification.Assert(Stepper.IsResultOf(await tasks[i], i), $"request {i} got a wrong result");
            }
            catch (InferenceTimeoutException)
            {
                timedOut.Add(i);
            }
        }

        await host.DisposeAsync();
        foreach (int i in timedOut) Specification.Assert(!model.Seen.Contains(i), $"request {i} timed out but ran");
        Specification.Assert(model.Seen.Count + timedOut.Count == tasks.Length, "a request ran twice or was lost");
    }, output: output);

    [Fact]
    public void DisposeWhileRunningCompletesEveryRequestAndStopsEveryThread() => Systematic.Run(async () =>
    {
        var random = Microsoft.Coyote.Random.Generator.Create();
        var mode = random.NextBoolean() ? ShutdownMode.Drain : ShutdownMode.Cancel;
        var model = new Stepper();
        var host = new InferenceHost(model, new InferenceHostOptions
        {
            RunContinuationsOnWorker = true,
            WorkerCount = 2, QueueCapacity = 1, FullQueue = FullQueueMode.Wait, MaxBatchSize = 2, MaxBatchDelay = TimeSpan.Zero,
            DefaultTimeout = TimeSpan.FromSeconds(30), Shutdown = mode,
        });
        var tasks = Enumerable.Range(0, 3).Select(i => Task.Run(() => host.SubmitAsync(Stepper.Input(i)))).ToArray();
        var disposing = Task.Run(async () => await host.DisposeAsync());
        int ran = 0;
        for (int i = 0; i < tasks.Length; i++)
        {
            try
            {
                Specification.Assert(Stepper.IsResultOf(await tasks[i], i), $"request {i} got a wrong result");
                ran++;
            }
            catch (InferenceRejectedException e)
            {
                Specification.Assert(e.Reason == RejectionReason.Stopped, $"request {i} rejected for {e.Reason}");
                Specification.Assert(!model.Seen.Contains(i), $"request {i} was rejected but ran");
            }
        }

        await disposing;
        Specification.Assert(host.Stopped.IsCompleted, "dispose returned before the workers stopped");
        Specification.Assert(model.Seen.Count == ran, $"{model.Seen.Count} calls for {ran} results");
        Specification.Assert(host.QueueLength == 0, "slots held after dispose");
        Specification.Assert(host.Buffers.Outstanding == 0, "a batch buffer was not returned");
    }, output: output);

    [Fact]
    public void AnIdleWorkerWakesForEverySubmit() => Systematic.Run(async () =>
    {
        // One worker and callers on other threads, no timeout to rescue a stranded request: a wake-up lost between
        // the worker's last look at the queue and its sleep hangs a caller, which Coyote reports as a deadlock.
        var host = new InferenceHost(new Stepper(), new InferenceHostOptions
        {
            RunContinuationsOnWorker = true,
            WorkerCount = 1, DefaultTimeout = Timeout.InfiniteTimeSpan,
        });
        var callers = Enumerable.Range(0, 1).Select(c => Task.Run(async () =>
        {
            for (int i = 0; i < 3; i++)
            {
                await Task.Yield(); // leave the worker's thread, where an inline continuation would otherwise run
                int id = c * 10 + i;
                Specification.Assert(Stepper.IsResultOf(await host.SubmitAsync(Stepper.Input(id)), id), $"request {id} got a wrong result");
            }
        })).ToArray();
        await Task.WhenAll(callers);
        await host.DisposeAsync();
    }, output: output);
}
