using System.Runtime.CompilerServices;

namespace TorchJit.Kernels;

/// <summary>
/// Splits one product across threads by output tiles: whole MR-row tiles or whole B panels, never k, so every
/// output is the same chain (Note [Sgemm order]) and the result is bit-identical to one thread.
/// </summary>
internal static class GemmParallel
{
    /// <summary>
    /// Below this much work per thread, waking a second thread costs more than it saves (a Parallel.For round
    /// trip is several microseconds; 2 MFLOP is ~30 us of one core here).
    /// </summary>
    public const long MinFlopsPerThread = 2_000_000;

    public static void Run(VectorWidth width, in GemmOperands op, int threads, long minFlopsPerThread = MinFlopsPerThread)
    {
        int rowTiles = (op.M + op.Blocking.Mr - 1) / op.Blocking.Mr;
        int panels = op.Layout.Panels;
        long flops = 2L * op.M * op.Layout.N * op.Layout.K;
        int parts = (int)Math.Min(threads, Math.Max(1, flops / Math.Max(1, minFlopsPerThread)));
        parts = Math.Min(parts, Math.Max(rowTiles, panels));
        if (parts <= 1)
        {
            GemmDriver.Run(width, in op, 0, op.M, 0, panels);
            return;
        }

        // Split the dimension that divides more evenly; on a tie, rows, because then each thread packs only
        // its own rows of A while all threads read the one packed B.
        bool splitRows = Imbalance(rowTiles, parts) <= Imbalance(panels, parts);
        RunParts(width, in op, parts, splitRows, splitRows ? rowTiles : panels);
    }

    // Largest share over the mean share, when `units` whole units are dealt to `parts` threads.
    private static double Imbalance(int units, int parts) =>
        units < parts ? double.PositiveInfinity : (double)((units + parts - 1) / parts) * parts / units;

    private static unsafe void RunParts(VectorWidth width, in GemmOperands op, int parts, bool splitRows, int units)
    {
        // Workers get raw pointers: the spans behind op cannot cross threads, and this frame keeps them pinned
        // until every part has finished.
        fixed (float* a = &op.A)
        fixed (float* b = &op.B)
        fixed (float* c = &op.C)
        fixed (float* bias = &op.Bias)
        {
            var job = new Job(width, in op, a, b, c, bias, parts, splitRows, units);
            Parallel.For(0, parts, job.Run);
        }
    }

    private sealed unsafe class Job(
        VectorWidth width, in GemmOperands op, float* a, float* b, float* c, float* bias, int parts, bool splitRows, int units)
    {
        private readonly nint lda = op.Lda;
        private readonly nint ldc = op.Ldc;
        private readonly GemmPackedLayout layout = op.Layout;
        private readonly GemmBlocking blocking = op.Blocking;
        private readonly int m = op.M;
        private readonly float alpha = op.Alpha;
        private readonly bool transA = op.TransA;
        private readonly bool accumulateC = op.AccumulateC;
        private readonly bool hasBias = op.HasBias;
        private readonly bool relu = op.Relu;

        public void Run(int part)
        {
            var op = new GemmOperands(
                ref Unsafe.AsRef<float>(a), lda, transA, alpha, m, ref Unsafe.AsRef<float>(b), layout, blocking,
                ref Unsafe.AsRef<float>(c), ldc, accumulateC, ref Unsafe.AsRef<float>(bias), hasBias, relu);
            int first = (int)((long)units * part / parts);
            int last = (int)((long)units * (part + 1) / parts);
            if (splitRows)
            {
                GemmDriver.Run(width, in op, first * blocking.Mr, Math.Min(m, last * blocking.Mr), 0, layout.Panels);
            }
            else
            {
                GemmDriver.Run(width, in op, 0, m, first, last);
            }
        }
    }
}
