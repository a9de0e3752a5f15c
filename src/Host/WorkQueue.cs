using System.Collections.Concurrent;

namespace TorchJit.Hosting;

/// <summary>
/// The requests waiting for a worker: a lock-free <see cref="ConcurrentQueue{T}"/>, and a way for idle workers to
/// sleep. A worker with nothing to do spins briefly, then announces itself as a sleeper and sleeps on a
/// semaphore; a submit wakes one only when a sleeper is announced. Under load the queue is never empty, nobody
/// sleeps, and neither side touches the semaphore (whose lock is the only one here).
/// </summary>
internal sealed class WorkQueue
{
    // Spins before sleeping: a request that arrives within a few microseconds of the last is taken without a
    // kernel wake-up, which costs more than the model call for small models.
    private const int SpinsBeforeSleep = 40;

    private readonly ConcurrentQueue<Request> queue = new();
    private readonly SemaphoreSlim workAvailable = new(0);
    private int sleepers;

    public bool IsEmpty => queue.IsEmpty;

    public void Add(Request request)
    {
        queue.Enqueue(request);
        // Note [Lost wake-up]: Enqueue publishes with an interlocked operation and a sleeper announces itself with
        // one before its last look at the queue, so either the sleeper sees this request or we see the sleeper.
        if (Volatile.Read(ref sleepers) > 0) workAvailable.Release();
    }

    public bool TryTake(out Request? request) => queue.TryDequeue(out request);

    /// <summary>Returns when the queue may have work, or when <paramref name="stopping"/> says to stop looking.</summary>
    public void WaitForWork(Func<bool> stopping)
    {
        var spin = default(SpinWait);
        for (int i = 0; i < SpinsBeforeSleep; i++)
        {
            if (!queue.IsEmpty || stopping()) return;
            spin.SpinOnce(sleep1Threshold: -1);
        }

        Interlocked.Increment(ref sleepers);
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

    /// <summary>Wakes every sleeping worker (shutdown).</summary>
    public void WakeAll(int workers) => workAvailable.Release(workers);
}
