namespace TorchJit.Hosting;

/// <summary>How a request ended: the <c>outcome</c> tag of <c>torchjit.host.requests</c>.</summary>
internal enum Outcome
{
    Succeeded,
    Failed,
    Cancelled,
    TimedOut,
    Rejected,
}
