using System.Collections.Concurrent;

namespace TorchJit.Hosting;

/// <summary>
/// Times out requests that wait in the queue past their deadline, so a caller hears within about a tick of its
/// timeout instead of when a worker reaches the request. Every request has the same timeout, so submission order
/// is deadline order (up to the few microseconds between two submits' clocks and enqueues): only the oldest
/// requests need looking at. The sweeper keeps its own queue of them and pops from its head the ones that have
/// started or ended, and times out the ones whose deadline has passed. Workers check the deadline too, when they
/// claim a request, so the order's small slack never lets a late request run.
/// </summary>
internal sealed class TimeoutSweeper(InferenceHost host, TimeSpan timeout)
{
    private readonly ConcurrentQueue<Request> byDeadline = new();

    // Short enough to time out within an eighth of the timeout; long enough to cost nothing when idle.
    private readonly int tickMilliseconds = (int)Math.Clamp(timeout.TotalMilliseconds / 8, 1, 50);

    public void Track(Request request) => byDeadline.Enqueue(request);

    public void Loop()
    {
        try
        {
            while (!host.Admission.IsClosedAndEmpty)
            {
                Sweep(host.Now);
                Thread.Sleep(tickMilliseconds);
            }

            byDeadline.Clear(); // every request has been taken by a worker, which checks its deadline itself
        }
        finally
        {
            host.ThreadExited();
        }
    }

    private void Sweep(long now)
    {
        while (byDeadline.TryPeek(out var head))
        {
            if (head.IsClaimedOrDone)
            {
                byDeadline.TryDequeue(out _);
                continue;
            }

            if (head.Deadline >= now) return;
            byDeadline.TryDequeue(out _);
            head.TryTimeOut(now);
        }
    }
}
