namespace TorchJit.Hosting;

/// <summary>
/// The queue's bound and the host's open/closed switch in one integer, so that "take a slot" and "is the host
/// closed" are decided by one compare-and-swap: no request can slip in after the workers have seen the host
/// closed and empty (Note [Shutdown]). The low 31 bits count requests holding a slot (submitted, not yet taken
/// by a worker); the sign bit is set once the host closes.
/// </summary>
/// <remarks>
/// The fast path is lock-free. Only a submit that finds the queue full in <see cref="FullQueueMode.Wait"/> sleeps on
/// a semaphore (which locks inside), and a worker releasing a slot touches that semaphore only when someone sleeps.
/// </remarks>
internal sealed class Admission(int capacity)
{
    private const int ClosedBit = int.MinValue;

    private readonly SemaphoreSlim slotFreed = new(0);
    private int state;
    private int sleepers;

    /// <summary>Requests holding a slot.</summary>
    public int Count => Volatile.Read(ref state) & int.MaxValue;

    public bool IsClosed => Volatile.Read(ref state) < 0;

    /// <summary>True when the host is closed and no request holds a slot: no request can arrive any more.</summary>
    public bool IsClosedAndEmpty => Volatile.Read(ref state) == ClosedBit;

    public AdmissionResult TryAcquire()
    {
        while (true)
        {
            int s = Volatile.Read(ref state);
            if (s < 0) return AdmissionResult.Closed;
            if (s >= capacity) return AdmissionResult.Full;
            if (Interlocked.CompareExchange(ref state, s + 1, s) == s) return AdmissionResult.Acquired;
        }
    }

    /// <summary>Waits for a slot until <paramref name="timeout"/> passes (false) or the token fires.</summary>
    public async ValueTask<AdmissionResult> AcquireAsync(TimeSpan timeout, TimeProvider time, CancellationToken token)
    {
        long start = time.GetTimestamp();
        while (true)
        {
            var result = TryAcquire();
            if (result != AdmissionResult.Full) return result;
            // Announce the sleep before looking again: a release that comes after the look sees the sleeper
            // (both sides use full fences), so the wake-up cannot be lost between the look and the wait.
            Interlocked.Increment(ref sleepers);
            try
            {
                result = TryAcquire();
                if (result != AdmissionResult.Full) return result;
                var left = timeout == Timeout.InfiniteTimeSpan ? Timeout.InfiniteTimeSpan : timeout - time.GetElapsedTime(start);
                if (left != Timeout.InfiniteTimeSpan && left <= TimeSpan.Zero) return AdmissionResult.TimedOut;
                if (!await slotFreed.WaitAsync(left, token).ConfigureAwait(false)) return AdmissionResult.TimedOut;
            }
            finally
            {
                Interlocked.Decrement(ref sleepers);
            }
        }
    }

    /// <summary>
    /// A worker took a request out of the queue: its slot is free. True when that was the last slot of a closed
    /// host: from now on no request can arrive, and the caller must wake every sleeping worker so they see it
    /// (the wake-ups that shutdown gave may have been used up by workers that went back to sleep while the last
    /// requests were still being submitted; Coyote found that schedule).
    /// </summary>
    public bool Release()
    {
        bool lastOfClosed = Interlocked.Decrement(ref state) == ClosedBit;
        if (Volatile.Read(ref sleepers) > 0) slotFreed.Release();
        return lastOfClosed;
    }

    /// <summary>Closes the host to new requests (slots already held stay held until their requests are taken).</summary>
    public void Close()
    {
        Interlocked.Or(ref state, ClosedBit);
        // Whoever waits for a slot wakes, looks again and finds the host closed.
        int waiting = Volatile.Read(ref sleepers);
        if (waiting > 0) slotFreed.Release(waiting);
    }
}

/// <summary>What taking a queue slot came to.</summary>
internal enum AdmissionResult
{
    Acquired,
    Full,
    Closed,
    TimedOut,
}
