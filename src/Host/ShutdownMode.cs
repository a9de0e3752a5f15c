namespace TorchJit.Hosting;

/// <summary>What disposing the host does with requests still in its queue. Either way, new submits are rejected.</summary>
public enum ShutdownMode
{
    /// <summary>Run every queued request, then stop the workers.</summary>
    Drain,

    /// <summary>Fail queued requests with an <see cref="InferenceRejectedException"/> (<see cref="RejectionReason.Stopped"/>); calls already running finish.</summary>
    Cancel,
}
