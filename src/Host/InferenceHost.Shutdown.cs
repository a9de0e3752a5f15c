namespace TorchJit.Hosting;

/// <summary>
/// Threads and shutdown. Note [Shutdown]: disposing closes admission (one atomic bit, Note in
/// <see cref="Admission"/>), so no request gets a slot afterwards; every request that got one before is already
/// counted and will be enqueued. Workers (and the timeout sweeper) leave when the host is closed and no slot is
/// held, which is the moment no request can reach the queue any more. The last thread out returns the buffers
/// and completes <see cref="DisposeAsync"/>.
/// </summary>
public sealed partial class InferenceHost
{
    private TaskCompletionSource stopped = null!; // made in StartThreads, with the completions' continuation options
    private Thread[] threads = [];
    private int liveThreads;
    private int disposing;
    private volatile bool cancelling;

    /// <summary>True once the host fails queued requests instead of running them (<see cref="ShutdownMode.Cancel"/>).</summary>
    internal bool IsCancelling => cancelling;

    internal Admission Admission => admission;

    internal WorkQueue Queue => queue;

    /// <summary>Completes when every worker has stopped and every pooled buffer is back.</summary>
    public Task Stopped => stopped.Task;

    /// <summary>Stops taking requests, drains or cancels the queue (<see cref="InferenceHostOptions.Shutdown"/>), and waits for the workers.</summary>
    public void Dispose()
    {
        BeginStop();
        // A worker disposing (from a continuation run inline) cannot wait for itself; the others finish on their own.
        if (Array.IndexOf(threads, Thread.CurrentThread) < 0) stopped.Task.GetAwaiter().GetResult();
    }

    /// <summary>As <see cref="Dispose"/>, without blocking a thread (so also from a continuation running on a worker).</summary>
    public async ValueTask DisposeAsync()
    {
        BeginStop();
        await stopped.Task.ConfigureAwait(false);
    }

    private void StartThreads()
    {
        // Unnamed: Coyote cannot intercept Thread.Name, and the systematic tests run this code rewritten.
        // Background: a host that is never disposed does not keep the process alive.
        var all = new List<Thread>(options.WorkerCount + 1);
        for (int i = 0; i < options.WorkerCount; i++)
        {
            var worker = new Worker(this, model, options, time);
            all.Add(new Thread(worker.Loop) { IsBackground = true });
        }

        if (sweeper is not null) all.Add(new Thread(sweeper.Loop) { IsBackground = true });
        stopped = new TaskCompletionSource(completionOptions);
        threads = [.. all];
        liveThreads = threads.Length;
        foreach (var t in threads) t.Start();
    }

    private void BeginStop()
    {
        if (Interlocked.Exchange(ref disposing, 1) != 0) return;
        HostLog.Stopping(logger, options.Name, options.Shutdown, admission.Count);
        if (options.Shutdown == ShutdownMode.Cancel) cancelling = true;
        admission.Close();
        queue.WakeAll(options.WorkerCount);
    }

    /// <summary>A worker or the sweeper has left its loop (Note [Shutdown]).</summary>
    internal void ThreadExited()
    {
        if (Interlocked.Decrement(ref liveThreads) != 0) return;
        Buffers.Clear();
        metrics.Dispose();
        HostLog.Stopped(logger, options.Name);
        stopped.TrySetResult();
    }
}
