namespace TorchJit.Hosting;

/// <summary>
/// One submitted input and its completion. Note [Request states]: a request starts <c>Queued</c> and leaves it
/// once, by a compare-and-swap that only one of its rivals wins: a worker claims it (<c>Running</c>), or its
/// cancellation, its timeout or a cancelling shutdown ends it (<c>Done</c>). Whoever wins completes the task and
/// counts the outcome; the losers do nothing. So a request runs at most once and completes exactly once,
/// and a cancelled or timed-out request never reaches the model. The outcome is counted before the task completes,
/// so a caller that sees its task done also sees it in the metrics.
/// </summary>
internal sealed class Request
{
    private const int Queued = 0;
    private const int Running = 1;
    private const int Done = 2;

    private readonly InferenceHost host;
    private readonly TaskCompletionSource<Tensor> completion;
    private CancellationTokenRegistration registration;
    private int state;

    public Request(InferenceHost host, Tensor input, long enqueuedAt, long deadline, CancellationToken token, TaskCreationOptions options)
    {
        this.host = host;
        Input = input;
        EnqueuedAt = enqueuedAt;
        Deadline = deadline;
        Token = token;
        completion = new TaskCompletionSource<Tensor>(options);
    }

    public Tensor Input { get; }

    /// <summary>When it was submitted (<see cref="TimeProvider.GetTimestamp"/>).</summary>
    public long EnqueuedAt { get; }

    /// <summary>The timestamp past which it may not start (<see cref="long.MaxValue"/>: no timeout).</summary>
    public long Deadline { get; }

    public CancellationToken Token { get; }

    public Task<Tensor> Task => completion.Task;

    /// <summary>True once the request can no longer be claimed (it runs, or it has ended).</summary>
    public bool IsClaimedOrDone => Volatile.Read(ref state) != Queued;

    /// <summary>Hooks the caller's token up to <see cref="TryCancel"/>. Before the request is queued, so no completion can miss the unregistering.</summary>
    public void WatchCancellation()
    {
        if (Token.CanBeCanceled)
            registration = Token.UnsafeRegister(static s => ((Request)s!).TryCancel(), this);
    }

    /// <summary>Queued → Running, unless the request has ended or its deadline has passed (then it ends as timed out).</summary>
    public bool TryClaim(long now)
    {
        if (now > Deadline)
        {
            TryTimeOut(now);
            return false;
        }

        return Interlocked.CompareExchange(ref state, Running, Queued) == Queued;
    }

    /// <summary>Queued → Done with an <see cref="InferenceTimeoutException"/>.</summary>
    public void TryTimeOut(long now)
    {
        if (Interlocked.CompareExchange(ref state, Done, Queued) != Queued) return;
        registration.Unregister();
        host.Completed(this, Outcome.TimedOut, now);
        completion.TrySetException(host.TimeoutFor(this, now));
    }

    /// <summary>Queued → Done, cancelled (the caller's token fired while the request waited).</summary>
    public void TryCancel()
    {
        if (Interlocked.CompareExchange(ref state, Done, Queued) != Queued) return;
        host.Completed(this, Outcome.Cancelled, host.Now);
        completion.TrySetCanceled(Token);
    }

    /// <summary>Queued → Done, rejected because the host is stopping.</summary>
    public void TryAbandon()
    {
        if (Interlocked.CompareExchange(ref state, Done, Queued) != Queued) return;
        registration.Unregister();
        host.Completed(this, Outcome.Rejected, host.Now);
        completion.TrySetException(new InferenceRejectedException(RejectionReason.Stopped));
    }

    /// <summary>Running → Done with the model's result; cancelled instead if the token fired while it ran.</summary>
    public void Succeed(Tensor result)
    {
        Volatile.Write(ref state, Done);
        registration.Unregister();
        long now = host.Now;
        if (Token.IsCancellationRequested)
        {
            host.Completed(this, Outcome.Cancelled, now);
            completion.TrySetCanceled(Token);
            return;
        }

        host.Completed(this, Outcome.Succeeded, now);
        completion.TrySetResult(result);
    }

    /// <summary>Running → Done, cancelled: the token fired after the request was claimed, before the model call.</summary>
    public void CancelClaimed()
    {
        Volatile.Write(ref state, Done);
        registration.Unregister();
        host.Completed(this, Outcome.Cancelled, host.Now);
        completion.TrySetCanceled(Token);
    }

    /// <summary>Running → Done with the model's exception.</summary>
    public void Fail(Exception error)
    {
        Volatile.Write(ref state, Done);
        registration.Unregister();
        host.Completed(this, Outcome.Failed, host.Now);
        completion.TrySetException(error);
    }
}
