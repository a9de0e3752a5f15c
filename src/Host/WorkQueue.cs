using System.Collections.Concurrent;

namespace TorchJit.Hosting;

/// <summary>
/// The requests waiting for a worker: a lock-free <see cref="ConcurrentQueue{T}"/>, and a way for idle workers to
/// sleep. A worker with nothing to do first searches (spins briefly), then announces itself as a sleeper and sleeps
/// on a semaphore. A submit wakes a sleeper only when no worker is searching (the searcher will take the request),
/// and a worker that takes a request from a queue that still holds more wakes the next sleeper, as the .NET thread
/// pool does. Under load the queue is never empty, nobody sleeps, and neither side touches the semaphore (whose lock
/// is the only one here).
/// </summary>
internal sealed class WorkQueue
{
    // Searching lasts ~10 µs: a request that arrives that soon after the last is taken without a kernel wake-up,
    // which costs more than the model call for small models. Pure spins, never a yield: on a busy machine a yield
    // hands the core to another process for a whole time slice while the request waits.
    // Not const: the systematic tests spin once, or Coyote would need ~40 consecutive scheduling choices in the
    // worker's favour before it could try a submit in the window between the last look and the sleep.
    internal static int SpinsBeforeSleep = 20;
    private const int PausesPerSpin = 30;

    private readonly ConcurrentQueue<Request> queue = new();
    private readonly SemaphoreSlim workAvailable = new(0);
    private int searching;
    private int sleepers;

    public bool IsEmpty => queue.IsEmpty;

    public void Add(Request request)
    {
        queue.Enqueue(request);
        WakeIfNobodySearches();
    }

    public bool TryTake(out Request? request) => queue.TryDequeue(out request);

    /// <summary>A worker took a request: if more are waiting, bring in another worker (the submits may have relied on us).</summary>
    public void TookOne()
    {
        if (Volatile.Read(ref sleepers) > 0 && !queue.IsEmpty) WakeIfNobodySearches();
    }

    /// <summary>Returns when the queue may have work, or when <paramref name="stopping"/> says to stop looking.</summary>
    public void WaitForWork(Func<bool> stopping)
    {
        Interlocked.Increment(ref searching);
        bool isSearching = true;
        try
        {
            for (int i = 0; i < SpinsBeforeSleep; i++)
            {
                if (!queue.IsEmpty || stopping()) return;
                Thread.SpinWait(PausesPerSpin);
            }

            // Note [Lost wake-up]: announce the sleep, stop searching, then look once more. Enqueue publishes the
            // request with an interlocked compare-and-swap on the queue's tail before the submit reads these counts,
            // and these are interlocked too, so in any order of the two threads either this last look sees the
            // request or the submit sees a sleeper and no searcher, and wakes one.
            Interlocked.Increment(ref sleepers);
            Interlocked.Decrement(ref searching);
            isSearching = false;
            try
            {
                if (!queue.IsEmpty || stopping()) return;
                workAvailable.Wait();
            }
            finally
            {
                Interlocked.Decrement(ref sleepers);
            }
        }
        finally
        {
            if (isSearching) Interlocked.Decrement(ref searching);
        }
    }

    /// <summary>Wakes every sleeping worker (shutdown).</summary>
    public void WakeAll(int workers) => workAvailable.Release(workers);

    private void WakeIfNobodySearches()
    {
        if (Volatile.Read(ref searching) == 0 && Volatile.Read(ref sleepers) > 0) workAvailable.Release();
    }
}
