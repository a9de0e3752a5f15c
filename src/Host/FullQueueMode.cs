namespace TorchJit.Hosting;

/// <summary>What a submit does when the host's queue is full.</summary>
public enum FullQueueMode
{
    /// <summary>Wait for a slot, up to the request's timeout and cancellation (back-pressure).</summary>
    Wait,

    /// <summary>Fail at once with an <see cref="InferenceRejectedException"/> (load shedding).</summary>
    Reject,
}
