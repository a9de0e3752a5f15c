using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace TorchJit.Hosting;

/// <summary>
/// Serves a model to many threads: submits go into a bounded queue, a fixed set of worker threads runs the model,
/// each request completes its own task. Built for compiled modules (<see cref="Jit.Compile(torch.nn.Module{Tensor, Tensor}, Passes.OptLevel, Action{string}?, Kernels.VectorWidth)"/>),
/// whose calls are thread-safe and lock-free; any thread-safe <c>Module&lt;Tensor, Tensor&gt;</c> works.
/// </summary>
/// <remarks>
/// <para>Lock-free on the inference path: a submit takes a queue slot with one compare-and-swap and enqueues on a
/// <see cref="System.Collections.Concurrent.ConcurrentQueue{T}"/>; a worker dequeues, claims the request with one
/// compare-and-swap (Note [Request states]) and calls the model. Semaphores (which lock inside) are touched only
/// to wake an idle worker or a submit waiting on a full queue.</para>
/// <para>Allocation per request: the request (with its task) and the result the caller keeps; a token that can be
/// cancelled adds its registration. bench/RESULTS.md (issue 8) states the measured figure.</para>
/// <para>Metrics: a meter named <c>TorchJit</c> (<see cref="MeterName"/>); logs through the given
/// <see cref="ILogger"/>.</para>
/// </remarks>
public sealed partial class InferenceHost : IDisposable, IAsyncDisposable
{
    /// <summary>The name of the meter the host's instruments are on.</summary>
    public const string MeterName = HostMetrics.MeterName;

    private readonly torch.nn.Module<Tensor, Tensor> model;
    private readonly InferenceHostOptions options;
    private readonly ILogger logger;
    private readonly TimeProvider time;
    private readonly Admission admission;
    private readonly WorkQueue queue = new();
    private readonly TimeoutSweeper? sweeper;
    private readonly HostMetrics metrics;
    private readonly long timeoutTicks;
    private readonly TaskCreationOptions completionOptions;

    /// <summary>Starts the workers.</summary>
    /// <param name="model">The model; it is called from several threads at once, so it must be thread-safe (compiled modules are).</param>
    /// <param name="options">Workers, queue, timeout, batching (defaults: <see cref="InferenceHostOptions"/>).</param>
    /// <param name="logger">Where the host logs (default: nowhere).</param>
    public InferenceHost(torch.nn.Module<Tensor, Tensor> model, InferenceHostOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= new InferenceHostOptions();
        options.Validate();
        this.model = model;
        this.options = options;
        this.logger = logger ?? NullLogger.Instance;
        time = options.TimeProvider;
        admission = new Admission(options.QueueCapacity);
        Buffers = new BufferPool(options.WorkerCount * 2);
        metrics = new HostMetrics(options.Name, options.MeterFactory, () => admission.Count);
        timeoutTicks = options.DefaultTimeout == Timeout.InfiniteTimeSpan
            ? long.MaxValue
            : (long)Math.Min(long.MaxValue / 2, options.DefaultTimeout.TotalSeconds * time.TimestampFrequency);
        completionOptions = options.RunContinuationsOnWorker ? TaskCreationOptions.None : TaskCreationOptions.RunContinuationsAsynchronously;
        if (timeoutTicks != long.MaxValue) sweeper = new TimeoutSweeper(this, options.DefaultTimeout);
        HostLog.Started(this.logger, options.Name, options.WorkerCount, options.QueueCapacity, options.FullQueue, options.DefaultTimeout, options.MaxBatchSize);
        StartThreads();
    }

    /// <summary>Compiles <paramref name="module"/> (recording the time in <c>torchjit.compile.duration</c>) and hosts the result.</summary>
    public static InferenceHost Compile(torch.nn.Module<Tensor, Tensor> module, InferenceHostOptions? options = null, ILogger? logger = null, Passes.OptLevel level = Passes.OptLevel.O2)
    {
        ArgumentNullException.ThrowIfNull(module);
        long start = Stopwatch.GetTimestamp();
        var compiled = Jit.Compile(module, level);
        double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        var host = new InferenceHost(compiled, options, logger);
        host.metrics.Compiled(ms);
        HostLog.Compiled(host.logger, module.GetType().Name, ms);
        return host;
    }

    /// <summary>The hosted model.</summary>
    public torch.nn.Module<Tensor, Tensor> Model => model;

    /// <summary>The options in force.</summary>
    public InferenceHostOptions Options => options;

    /// <summary>Requests submitted and not yet taken by a worker.</summary>
    public int QueueLength => admission.Count;

    internal BufferPool Buffers { get; }

    internal long Now => time.GetTimestamp();

    /// <summary>
    /// Queues <paramref name="input"/> and returns its result. The task fails with an
    /// <see cref="InferenceRejectedException"/> when the queue is full (<see cref="FullQueueMode.Reject"/>) or the
    /// host is stopping, an <see cref="InferenceTimeoutException"/> when the request waited past the timeout, is
    /// cancelled when <paramref name="cancellationToken"/> fires before the result is handed over, and carries
    /// the model's own exception (an <see cref="ArgumentException"/> for input that does not fit) otherwise.
    /// </summary>
    public Task<Tensor> SubmitAsync(Tensor input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (cancellationToken.IsCancellationRequested)
        {
            metrics.Ended(Outcome.Cancelled);
            return Task.FromCanceled<Tensor>(cancellationToken);
        }

        long now = Now;
        return admission.TryAcquire() switch
        {
            AdmissionResult.Acquired => Enqueue(input, now, cancellationToken),
            AdmissionResult.Closed => Reject(RejectionReason.Stopped),
            _ when options.FullQueue == FullQueueMode.Reject => Reject(RejectionReason.QueueFull),
            _ => WaitForSlotAsync(input, now, cancellationToken),
        };
    }

    /// <summary>Runs <paramref name="input"/> through the queue and blocks until its result; throws as <see cref="SubmitAsync"/>'s task fails.</summary>
    public Tensor Run(Tensor input, CancellationToken cancellationToken = default) =>
        SubmitAsync(input, cancellationToken).GetAwaiter().GetResult();

    private Task<Tensor> Enqueue(Tensor input, long submittedAt, CancellationToken token)
    {
        long deadline = timeoutTicks == long.MaxValue ? long.MaxValue : submittedAt + timeoutTicks;
        var request = new Request(this, input, submittedAt, deadline, token, completionOptions);
        request.WatchCancellation();
        sweeper?.Track(request);
        queue.Add(request);
        return request.Task;
    }

    private async Task<Tensor> WaitForSlotAsync(Tensor input, long submittedAt, CancellationToken token)
    {
        AdmissionResult result;
        try
        {
            result = await admission.AcquireAsync(options.DefaultTimeout, time, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            metrics.Ended(Outcome.Cancelled);
            throw;
        }

        switch (result)
        {
            case AdmissionResult.Acquired:
                return await Enqueue(input, submittedAt, token).ConfigureAwait(false);
            case AdmissionResult.Closed:
                metrics.Rejected(RejectionReason.Stopped);
                throw new InferenceRejectedException(RejectionReason.Stopped);
            default:
                metrics.Ended(Outcome.TimedOut);
                throw new InferenceTimeoutException(options.DefaultTimeout, time.GetElapsedTime(submittedAt));
        }
    }

    private Task<Tensor> Reject(RejectionReason reason)
    {
        metrics.Rejected(reason);
        HostLog.Rejected(logger, options.Name, reason);
        return Task.FromException<Tensor>(new InferenceRejectedException(reason));
    }

    internal InferenceTimeoutException TimeoutFor(Request request, long now) =>
        new(options.DefaultTimeout, time.GetElapsedTime(request.EnqueuedAt, now));

    /// <summary>Counts how a request ended (called once per request, by whoever ended it: Note [Request states]).</summary>
    internal void Completed(Request request, Outcome outcome, long now)
    {
        if (outcome == Outcome.Rejected)
        {
            metrics.Rejected(RejectionReason.Stopped);
            return;
        }

        metrics.Ended(outcome);
        if (outcome == Outcome.Succeeded) metrics.Latency(time.GetElapsedTime(request.EnqueuedAt, now).TotalMilliseconds);
    }

    internal void Batched(int requests) => metrics.Batch(requests);

    internal void ModelFailed(Exception error, int requests) => HostLog.ModelFailed(logger, error, options.Name, requests);
}
