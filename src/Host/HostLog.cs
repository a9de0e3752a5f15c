using Microsoft.Extensions.Logging;

namespace TorchJit.Hosting;

/// <summary>The host's log messages (source-generated: no allocation when the level is off).</summary>
internal static partial class HostLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Inference host '{Name}' started: {Workers} workers, queue of {Capacity} ({FullQueue} when full), timeout {Timeout}, batches of up to {MaxBatch}")]
    public static partial void Started(ILogger logger, string name, int workers, int capacity, FullQueueMode fullQueue, TimeSpan timeout, int maxBatch);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Inference host '{Name}' stopping ({Mode}); {Queued} requests queued")]
    public static partial void Stopping(ILogger logger, string name, ShutdownMode mode, int queued);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Inference host '{Name}' stopped")]
    public static partial void Stopped(ILogger logger, string name);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "Inference host '{Name}' rejected a request: {Reason}")]
    public static partial void Rejected(ILogger logger, string name, RejectionReason reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Inference host '{Name}': the model failed on {Requests} request(s)")]
    public static partial void ModelFailed(ILogger logger, Exception error, string name, int requests);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Compiled {Module} for the inference host in {Milliseconds:F1} ms")]
    public static partial void Compiled(ILogger logger, string module, double milliseconds);
}
