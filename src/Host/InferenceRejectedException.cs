namespace TorchJit.Hosting;

/// <summary>Why the host refused a request.</summary>
public enum RejectionReason
{
    /// <summary>The queue was full and the host sheds load (<see cref="FullQueueMode.Reject"/>).</summary>
    QueueFull,

    /// <summary>The host was disposed before the request could run.</summary>
    Stopped,
}

/// <summary>The host did not run a request: its queue was full, or it was shutting down.</summary>
public sealed class InferenceRejectedException : Exception
{
    /// <summary>An exception for <paramref name="reason"/>.</summary>
    public InferenceRejectedException(RejectionReason reason)
        : base(reason == RejectionReason.QueueFull ? "inference host: the queue is full; request rejected" : "inference host: stopped; request not run")
    {
        Reason = reason;
    }

    /// <summary>Why.</summary>
    public RejectionReason Reason { get; }
}
