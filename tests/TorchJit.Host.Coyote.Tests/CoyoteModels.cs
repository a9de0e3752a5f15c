using static TorchJit.torch;

namespace TorchJit.Host.Coyote.Tests;

/// <summary>
/// <c>x + 1</c> with a scheduling point inside the call (Thread.Yield is rewritten to one), so Coyote can switch
/// threads in the middle of a model call as it would between two kernels. Records the first element of every
/// input it runs, so a test can tell which requests reached the model.
/// </summary>
internal sealed class Stepper() : nn.Module<Tensor, Tensor>(nameof(Stepper))
{
    private readonly System.Collections.Concurrent.ConcurrentBag<float> seen = [];

    public IReadOnlyCollection<float> Seen => seen;

    public static Tensor Input(int id, int rows = 1) => Tensor.FromArray(Enumerable.Repeat((float)id, rows * 2).ToArray(), rows, 2);

    public static bool IsResultOf(Tensor result, int id, int rows = 1) =>
        result.Shape.SequenceEqual(new[] { rows, 2 }) && result.ToArray().All(v => v == id + 1);

    public override Tensor forward(Tensor input)
    {
        var values = input.ToArray();
        for (int row = 0; row < values.Length; row += 2) seen.Add(values[row]);
        Thread.Yield();
        return input + 1;
    }
}

/// <summary>A clock that moves one millisecond each time it is read: time passes with the schedule, deterministically.</summary>
internal sealed class SteppingClock : TimeProvider
{
    private long now;

    public override long TimestampFrequency => 1000;

    public override long GetTimestamp() => Interlocked.Increment(ref now);
}
