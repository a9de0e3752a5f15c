using static TorchJit.torch;

namespace TorchJit.Host.Tests;

/// <summary><c>x * 2 + 1</c>, eagerly: each result is a function of its own input alone, so a mix-up shows.</summary>
internal sealed class Affine() : nn.Module<Tensor, Tensor>(nameof(Affine))
{
    public static Tensor Expected(Tensor x) => x * 2 + 1;

    public override Tensor forward(Tensor input) => Expected(input);
}

/// <summary>
/// A model that blocks until the test opens its gate, so a test can hold the workers busy and fill the queue at
/// will. Counts the calls and the rows it saw.
/// </summary>
internal sealed class Gate() : nn.Module<Tensor, Tensor>(nameof(Gate))
{
    private readonly ManualResetEventSlim open = new(false);
    private int calls;
    private int entered;

    public int Calls => Volatile.Read(ref calls);

    /// <summary>Calls that have started (and may be blocked on the gate).</summary>
    public int Entered => Volatile.Read(ref entered);

    public void Open() => open.Set();

    public void WaitUntilEntered(int n)
    {
        var spin = default(SpinWait);
        while (Entered < n) spin.SpinOnce();
    }

    public override Tensor forward(Tensor input)
    {
        Interlocked.Increment(ref entered);
        open.Wait();
        Interlocked.Increment(ref calls);
        return Affine.Expected(input);
    }
}

/// <summary>Busy-waits a fixed time per call, then computes <see cref="Affine"/>: a model of known cost.</summary>
internal sealed class Busy(TimeSpan perCall) : nn.Module<Tensor, Tensor>(nameof(Busy))
{
    public override Tensor forward(Tensor input)
    {
        long until = System.Diagnostics.Stopwatch.GetTimestamp() + (long)(perCall.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
        while (System.Diagnostics.Stopwatch.GetTimestamp() < until) Thread.SpinWait(20);
        return Affine.Expected(input);
    }
}

/// <summary>Inputs that differ from one another: request <paramref name="id"/>'s rows hold <c>id</c> and a ramp.</summary>
internal static class Inputs
{
    public static Tensor Tagged(int id, int rows = 1, int width = 8)
    {
        var data = new float[rows * width];
        for (int i = 0; i < data.Length; i++) data[i] = id + i / 1024f;
        return Tensor.FromArray(data, rows, width);
    }
}
