namespace TorchJit.Hosting;

/// <summary>
/// Float arrays for batched inputs, reused across batches without a lock: each cell holds one idle array or null,
/// and <see cref="Interlocked.Exchange{T}(ref T, T)"/> takes it out, so two workers never share one.
/// <see cref="Outstanding"/> counts arrays rented and not returned: zero whenever no batch is being built or run.
/// </summary>
internal sealed class BufferPool(int cells)
{
    private readonly float[]?[] idle = new float[]?[Math.Max(2, cells)];
    private int outstanding;

    /// <summary>Arrays rented and not yet returned.</summary>
    public int Outstanding => Volatile.Read(ref outstanding);

    /// <summary>An array of at least <paramref name="length"/> elements.</summary>
    public float[] Rent(int length)
    {
        Interlocked.Increment(ref outstanding);
        for (int i = 0; i < idle.Length; i++)
        {
            if (Volatile.Read(ref idle[i]) is { } candidate && candidate.Length >= length
                && ReferenceEquals(Interlocked.CompareExchange(ref idle[i], null, candidate), candidate))
                return candidate;
        }

        // Round up, so a batch a few rows bigger than the last reuses the array next time.
        return new float[(int)Math.Min(Array.MaxLength, Math.Max(length, (long)length * 5 / 4))];
    }

    public void Return(float[] buffer)
    {
        Interlocked.Decrement(ref outstanding);
        for (int i = 0; i < idle.Length; i++)
        {
            if (Interlocked.CompareExchange(ref idle[i], buffer, null) is null) return;
        }

        // Every cell is full: keep the bigger array, which serves more batch sizes.
        for (int i = 0; i < idle.Length; i++)
        {
            if (Volatile.Read(ref idle[i]) is { } held && held.Length < buffer.Length
                && ReferenceEquals(Interlocked.CompareExchange(ref idle[i], buffer, held), held))
                return;
        }
    }

    /// <summary>Drops the idle arrays (the host is stopping).</summary>
    public void Clear()
    {
        for (int i = 0; i < idle.Length; i++) Volatile.Write(ref idle[i], null);
    }
}
