namespace TorchJit.Runtime;

/// <summary>
/// Arenas waiting for a call, rented and returned without a lock: each cell holds one arena or null, and
/// <see cref="Interlocked.Exchange{T}(ref T, T)"/> takes it out, so two threads never get the same arena.
/// With as many cells as threads that call at once, steady state makes no new arena. In front of the cells,
/// each thread keeps the arena it returned last (thread-static, no interlocked operation): a thread that
/// calls one plan over and over, the common case, never touches the shared cells.
/// </summary>
internal sealed class ArenaPool(Func<Arena> create)
{
    [ThreadStatic]
    private static ArenaPool? lastPool;

    [ThreadStatic]
    private static Arena? lastArena;

    private readonly Arena?[] cells = new Arena?[Math.Max(4, Environment.ProcessorCount * 2)];
    private int created;

    /// <summary>Arenas made so far (steady state: no more than the peak number of concurrent calls).</summary>
    public int Created => Volatile.Read(ref created);

    /// <summary>An idle arena, or a new one when every cell is empty.</summary>
    public Arena Rent()
    {
        if (ReferenceEquals(lastPool, this) && lastArena is { } mine)
        {
            lastArena = null;
            return mine;
        }

        // Start where this thread last looked, so threads that call at once mostly touch different cells.
        int start = Environment.CurrentManagedThreadId % cells.Length;
        for (int i = 0; i < cells.Length; i++)
        {
            int at = start + i < cells.Length ? start + i : start + i - cells.Length;
            if (Volatile.Read(ref cells[at]) is not null && Interlocked.Exchange(ref cells[at], null) is { } arena) return arena;
        }

        Interlocked.Increment(ref created);
        return create();
    }

    /// <summary>Puts <paramref name="arena"/> back in an empty cell (dropped for the GC when all are full).</summary>
    public void Return(Arena arena)
    {
        if (lastArena is null)
        {
            lastPool = this;
            lastArena = arena;
            return;
        }

        int start = Environment.CurrentManagedThreadId % cells.Length;
        for (int i = 0; i < cells.Length; i++)
        {
            int at = start + i < cells.Length ? start + i : start + i - cells.Length;
            if (Interlocked.CompareExchange(ref cells[at], arena, null) is null) return;
        }
    }
}
