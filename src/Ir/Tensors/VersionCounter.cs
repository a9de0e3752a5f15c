namespace TorchJit;

/// <summary>The write counter shared by every tensor over one storage (see Note [Shared version] in Tensor.cs).</summary>
internal sealed class VersionCounter
{
    private int value;

    public int Value => Volatile.Read(ref value);

    public void Bump() => Interlocked.Increment(ref value);
}
