namespace TorchJit.Hosting;

/// <summary>A request waited longer than its timeout (for a queue slot or in the queue) and was not run.</summary>
public sealed class InferenceTimeoutException : TimeoutException
{
    /// <summary>An exception for a request that waited <paramref name="waited"/> against <paramref name="timeout"/>.</summary>
    public InferenceTimeoutException(TimeSpan timeout, TimeSpan waited)
        : base($"inference host: the request waited {waited.TotalMilliseconds:F1} ms, past its timeout of {timeout.TotalMilliseconds:F1} ms, and was not run")
    {
        Timeout = timeout;
        Waited = waited;
    }

    /// <summary>The timeout in force.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>How long the request had waited when it timed out.</summary>
    public TimeSpan Waited { get; }
}
