namespace TorchJit.Kernels;

/// <summary>
/// Splits one product across threads by output tiles: whole MR-row tiles or whole B panels, never k, so every
/// output is the same chain (Note [Sgemm order]) and the result is bit-identical to one thread. Packing an
/// unpacked B splits by panels too.
/// </summary>
internal static class GemmParallel
{
    /// <summary>
    /// Below this much work per thread, waking a second thread costs more than it saves (a fork-join round
    /// trip through the thread pool is a few microseconds; 2 MFLOP is ~30 us of one core here).
    /// </summary>
    public const long MinFlopsPerThread = 2_000_000;

    /// <summary>Packing takes 0.2-0.5 ns per float on one Zen 3 core; 256K floats is 50-120 us, worth a second thread.</summary>
    public const long MinPackedFloatsPerThread = 1 << 18;

    public static void Run(VectorWidth width, in GemmOperands op, int threads, long minFlopsPerThread = MinFlopsPerThread)
    {
        int rowTiles = (op.M + op.Blocking.Mr - 1) / op.Blocking.Mr;
        int panels = op.Layout.Panels;
        long flops = 2L * op.M * op.Layout.N * op.Layout.K;
        int used = Threads(threads, flops, minFlopsPerThread, Math.Max(rowTiles, panels));
        if (used <= 1)
        {
            GemmDriver.Run(width, in op, 0, op.M, 0, panels);
            return;
        }

        // Prefer rows (BLIS's ic loop): each thread then packs only its own rows of A into its own L2 while all
        // threads share the one packed B. Split panels instead when that divides the work clearly more evenly
        // (m = 64, n = 512: 6 + 5 row tiles against 16 + 16 panels).
        bool splitRows = Imbalance(rowTiles, used) <= Imbalance(panels, used) * 1.05;
        int units = splitRows ? rowTiles : panels;

        // More chunks than threads, claimed as threads come free: on a busy host a descheduled thread then
        // delays only its current chunk, not a whole half of the product. Row chunks cost nothing extra;
        // panel chunks each repack all of A, so those stay fewer.
        int chunks = Math.Min(units, used * (splitRows ? 4 : 2));
        GemmForkJoin.Multiply(width, in op, used, chunks, splitRows, units);
    }

    public static void PackB(ref float b, nint ldb, bool transB, in GemmPackedLayout layout, ref float packed, int threads)
    {
        int used = Threads(threads, layout.Length, MinPackedFloatsPerThread, layout.Panels);
        if (used <= 1)
        {
            GemmPacking.PackB(ref b, ldb, transB, in layout, ref packed, 0, layout.Panels);
            return;
        }

        GemmForkJoin.PackB(ref b, ldb, transB, in layout, ref packed, used, Math.Min(layout.Panels, used * 4));
    }

    // Threads worth using: at most one per unit of work, and enough work for each.
    private static int Threads(int threads, long work, long minWorkPerThread, int units) =>
        (int)Math.Min(Math.Min(threads, units), Math.Max(1, work / Math.Max(1, minWorkPerThread)));

    // Largest share over the mean share, when `units` whole units are dealt to `parts` threads.
    private static double Imbalance(int units, int parts) =>
        units < parts ? double.PositiveInfinity : (double)((units + parts - 1) / parts) * parts / units;
}
