namespace TorchJit.Hosting;

/// <summary>How an <see cref="InferenceHost"/> runs: workers, queue bound, timeout, batching, shutdown.</summary>
public sealed class InferenceHostOptions
{
    /// <summary>Threads that run the model (default: one per core). Each runs one call at a time.</summary>
    public int WorkerCount { get; init; } = Environment.ProcessorCount;

    /// <summary>Requests that may wait in the queue at once; past it, <see cref="FullQueue"/> decides.</summary>
    public int QueueCapacity { get; init; } = 1024;

    /// <summary>What a submit does when the queue is full. Never a silent drop.</summary>
    public FullQueueMode FullQueue { get; init; } = FullQueueMode.Wait;

    /// <summary>
    /// How long a request may wait (for a queue slot and in the queue) before it fails with an
    /// <see cref="InferenceTimeoutException"/>; <see cref="Timeout.InfiniteTimeSpan"/> for no limit. A request
    /// that has started running is not interrupted by its timeout: it completes.
    /// </summary>
    public TimeSpan DefaultTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Dynamic batching (as Triton's dynamic batcher): a worker that takes a request gathers up to this many
    /// requests whose inputs agree past dimension 0, concatenates them along dimension 0, runs one call and
    /// splits the result by rows. 1 (the default) turns batching off. Only for models whose dimension 0 is a
    /// batch dimension: row i of the output must depend only on row i of the input.
    /// </summary>
    public int MaxBatchSize { get; init; } = 1;

    /// <summary>How long a worker waits for more requests to fill a batch (from when it took the first one).</summary>
    public TimeSpan MaxBatchDelay { get; init; } = TimeSpan.FromMicroseconds(200);

    /// <summary>What <see cref="InferenceHost.Dispose"/> does with requests still queued.</summary>
    public ShutdownMode Shutdown { get; init; } = ShutdownMode.Drain;

    /// <summary>
    /// Where completions continue: false (the default) runs callers' continuations on the thread pool, so a slow
    /// continuation never holds a worker; true runs them inline on the worker, saving a thread-pool hop per request.
    /// The same holds for <see cref="InferenceHost.DisposeAsync"/>'s continuation. (The systematic tests set it:
    /// Coyote does not control the thread-pool hop of <see cref="TaskCreationOptions.RunContinuationsAsynchronously"/>.)
    /// </summary>
    public bool RunContinuationsOnWorker { get; init; }

    /// <summary>A name for logs and the <c>torchjit.host.name</c> tag of every measurement.</summary>
    public string Name { get; init; } = "default";

    /// <summary>The clock for timeouts and latencies (tests pass a controllable one).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Makes the host's <c>TorchJit</c> meter (dependency injection); null: a meter of the host's own.</summary>
    public System.Diagnostics.Metrics.IMeterFactory? MeterFactory { get; init; }

    internal void Validate()
    {
        if (WorkerCount < 1) throw new ArgumentOutOfRangeException(nameof(WorkerCount), WorkerCount, "at least one worker");
        if (QueueCapacity < 1) throw new ArgumentOutOfRangeException(nameof(QueueCapacity), QueueCapacity, "at least one slot");
        if (MaxBatchSize < 1) throw new ArgumentOutOfRangeException(nameof(MaxBatchSize), MaxBatchSize, "at least 1");
        if (DefaultTimeout <= TimeSpan.Zero && DefaultTimeout != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(DefaultTimeout), DefaultTimeout, "positive or Timeout.InfiniteTimeSpan");
        if (MaxBatchDelay < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(MaxBatchDelay), MaxBatchDelay, "not negative");
        ArgumentNullException.ThrowIfNull(TimeProvider);
        ArgumentException.ThrowIfNullOrEmpty(Name);
    }
}
