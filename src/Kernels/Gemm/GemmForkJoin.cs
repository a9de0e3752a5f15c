using System.Runtime.CompilerServices;

namespace TorchJit.Kernels;

/// <summary>
/// Runs the parts (chunks of output tiles, or of B panels to pack) of one split product on the calling thread
/// and thread-pool threads, without allocating: each calling thread reuses one job object, and parts are
/// claimed from a counter, so the caller does every part nobody else has started (a starved pool only makes
/// it slower, never stuck) and then waits for the parts in flight.
/// </summary>
internal sealed unsafe class GemmForkJoin : IThreadPoolWorkItem
{
    [ThreadStatic]
    private static GemmForkJoin? forThisThread;

    private readonly ManualResetEventSlim finished = new(initialState: false);

    // The product or packing being split; written before `next` is reset, read after a part is claimed.
    private VectorWidth width;
    private float* a;
    private float* b;
    private float* c;
    private float* bias;
    private nint lda;
    private nint ldb;
    private nint ldc;
    private GemmPackedLayout layout;
    private GemmBlocking blocking;
    private int m;
    private float alpha;
    private bool transA;
    private bool transB;
    private bool accumulateC;
    private bool hasBias;
    private bool relu;
    private bool packing;
    private bool splitRows;
    private int units;
    private int done;

    // (parts << 32) | next part to claim, swapped as one value: a late work item from an earlier product can
    // then only claim a part of the product whose fields are already in place, never a torn mix (a separate
    // `parts` written before `next` was reset let one claim a part twice).
    private long claims;

    public static void Multiply(VectorWidth width, in GemmOperands op, int threads, int parts, bool splitRows, int units)
    {
        // The caller's frame pins the operands until every part is done: the spans cannot cross threads.
        fixed (float* a = &op.A, b = &op.B, c = &op.C, bias = &op.Bias)
        {
            GemmForkJoin job = forThisThread ??= new GemmForkJoin();
            job.width = width;
            job.a = a;
            job.b = b;
            job.c = c;
            job.bias = bias;
            (job.lda, job.ldc, job.layout, job.blocking, job.m, job.alpha) = (op.Lda, op.Ldc, op.Layout, op.Blocking, op.M, op.Alpha);
            (job.transA, job.accumulateC, job.hasBias, job.relu) = (op.TransA, op.AccumulateC, op.HasBias, op.Relu);
            (job.packing, job.splitRows, job.units) = (false, splitRows, units);
            job.Fork(threads, parts);
        }
    }

    public static void PackB(ref float b, nint ldb, bool transB, in GemmPackedLayout layout, ref float packed, int threads, int parts)
    {
        fixed (float* source = &b, destination = &packed)
        {
            GemmForkJoin job = forThisThread ??= new GemmForkJoin();
            job.a = source;
            job.b = destination;
            (job.ldb, job.transB, job.layout) = (ldb, transB, layout);
            (job.packing, job.units) = (true, layout.Panels);
            job.Fork(threads, parts);
        }
    }

    void IThreadPoolWorkItem.Execute() => Drain();

    // Splits `units` into `parts` contiguous chunks and runs them on this thread and threads - 1 pool threads.
    private void Fork(int threads, int parts)
    {
        done = 0;
        finished.Reset();
        Interlocked.Exchange(ref claims, (long)parts << 32);
        for (int i = 1; i < threads; i++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }

        Drain();
        finished.Wait();
    }

    // Claims and runs parts until none are left. A work item that starts after its product finished finds
    // nothing to claim (or, if the caller has already reused this job, does parts of the new product).
    private void Drain()
    {
        while (true)
        {
            long seen = Volatile.Read(ref claims);
            int parts = (int)(seen >> 32);
            int part = (int)seen;
            if (part >= parts)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref claims, seen + 1, seen) != seen)
            {
                continue;
            }

            RunPart(part, parts);
            if (Interlocked.Increment(ref done) == parts)
            {
                finished.Set();
            }
        }
    }

    private void RunPart(int part, int parts)
    {
        int first = (int)((long)units * part / parts);
        int last = (int)((long)units * (part + 1) / parts);
        if (packing)
        {
            GemmPacking.PackB(ref Unsafe.AsRef<float>(a), ldb, transB, in layout, ref Unsafe.AsRef<float>(b), first, last);
            return;
        }

        var op = new GemmOperands(
            ref Unsafe.AsRef<float>(a), lda, transA, alpha, m, ref Unsafe.AsRef<float>(b), layout, blocking,
            ref Unsafe.AsRef<float>(c), ldc, accumulateC, ref Unsafe.AsRef<float>(bias), hasBias, relu);
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
