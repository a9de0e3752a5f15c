using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TorchJit.Kernels;

// Note [Sgemm order]: every output is one chain of fused multiply-adds over k in increasing order, whatever
// the width, block sizes, tile shape or thread count:
//   acc = +0 when beta == 0 (C is not read, so NaN garbage there is ignored, as in BLAS),
//         c[i, j] when beta == 1, else the rounded product beta * c[i, j];
//   acc = fma(a'[i, kk], b[kk, j], acc) for kk = 0 .. k-1, one rounding per step, where a' is the rounded
//         product alpha * op(A)[i, kk] (alpha is folded into the packed A; alpha == 1 is exact);
//   c[i, j] = acc.
// alpha == 0 or k == 0 give c = beta * c (+0 when beta == 0) without reading A or B.
// The packed entry point starts every chain from +0 and ends it with + bias[j] (a separate rounding), then
// relu when asked; k == 0 leaves just the bias.
// Blocking never splits a chain: a later k block reloads the partial sum from C and continues it (Note
// [Sgemm tile]), and threads split only M or N. The scalar fallback uses MathF.FusedMultiplyAdd, which rounds
// the same way, so every width gives the same bits. MatMul is the case alpha = 1, beta = 0, which is Note
// [MatMul order].
public static partial class Gemm
{
    /// <summary>
    /// Row-major C[m, n] = alpha * op(A)[m, k] @ op(B)[k, n] + beta * C, where op transposes its operand when
    /// the flag is set (A is then stored [k, m], B [n, k]). <paramref name="lda"/>, <paramref name="ldb"/> and
    /// <paramref name="ldc"/> are row strides in elements, at least the stored row length. Rounding follows
    /// Note [Sgemm order]; beta = 0 never reads C. <paramref name="c"/> must not overlap the inputs. Splits
    /// across <see cref="Parallelism.IntraOpThreads"/> threads, with the same result bits.
    /// </summary>
    /// <exception cref="ArgumentException">A size is negative, a stride is shorter than its row, or a span is too short for its rows.</exception>
    public static void Sgemm(
        bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc) =>
        SgemmAt(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, VectorWidths.Resolve(VectorWidth.Best), Parallelism.IntraOpThreads);

    /// <summary>
    /// Packs op(B)[k, n] once for repeated products (frozen weights); op transposes B (stored [n, k]) when
    /// <paramref name="transB"/> is set. For a linear layer, B = W^T: <c>PackB(weight, k, n, transB: true, ldb: k)</c>.
    /// </summary>
    /// <exception cref="ArgumentException">A size is negative, <paramref name="ldb"/> is shorter than a row, or <paramref name="b"/> is too short.</exception>
    public static PackedMatrix PackB(ReadOnlySpan<float> b, int k, int n, bool transB, int ldb)
    {
        VectorWidth width = VectorWidths.Resolve(VectorWidth.Best);
        return PackBAt(b, k, n, transB, ldb, width, GemmBlocking.For(width));
    }

    /// <summary>
    /// C[m, n] = op(A)[m, k] @ <paramref name="b"/> (+ <paramref name="bias"/>[n] on every row when non-empty),
    /// then <paramref name="epilogue"/>, overwriting C (beta = 0: C is not read). Rounding follows Note [Sgemm
    /// order]. <paramref name="c"/> must not overlap the inputs. Splits across
    /// <see cref="Parallelism.IntraOpThreads"/> threads, with the same result bits.
    /// </summary>
    /// <exception cref="ArgumentException">A size is negative, a stride is shorter than its row, a span is too short, or the bias length is not 0 or N.</exception>
    public static void Sgemm(
        bool transA, int m, ReadOnlySpan<float> a, int lda, PackedMatrix b, ReadOnlySpan<float> bias, Span<float> c, int ldc,
        Epilogue epilogue = Epilogue.None) =>
        SgemmAt(transA, m, a, lda, b, bias, c, ldc, epilogue, Parallelism.IntraOpThreads);

    internal static void SgemmAt(
        bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc,
        VectorWidth resolved, int threads, GemmBlocking? blocking = null, long minFlopsPerThread = GemmParallel.MinFlopsPerThread)
    {
        RequireSizes(m, k, n);
        RequireStrided(nameof(a), a.Length, transA ? k : m, transA ? m : k, lda, nameof(lda));
        RequireStrided(nameof(b), b.Length, transB ? n : k, transB ? k : n, ldb, nameof(ldb));
        RequireStrided(nameof(c), c.Length, m, n, ldc, nameof(ldc));
        if (m == 0 || n == 0)
        {
            return;
        }

        ref float c0 = ref MemoryMarshal.GetReference(c);
        if (beta != 1f)
        {
            ScaleRows(ref c0, m, n, ldc, beta);
        }

        if (k == 0 || alpha == 0f)
        {
            return;
        }

        GemmBlocking block = blocking ?? GemmBlocking.For(resolved);
        ref float packed = ref PackIntoScratch(b, k, n, transB, ldb, block, threads, out GemmPackedLayout layout);
        var op = new GemmOperands(
            ref MemoryMarshal.GetReference(a), lda, transA, alpha, m, ref packed, layout, block,
            ref c0, ldc, accumulateC: beta != 0f, ref c0, hasBias: false, relu: false);
        GemmParallel.Run(resolved, in op, threads, minFlopsPerThread);
    }

    internal static PackedMatrix PackBAt(ReadOnlySpan<float> b, int k, int n, bool transB, int ldb, VectorWidth resolved, GemmBlocking blocking)
    {
        RequireSizes(0, k, n);
        RequireStrided(nameof(b), b.Length, transB ? n : k, transB ? k : n, ldb, nameof(ldb));
        var layout = new GemmPackedLayout(k, n, blocking.Nr, blocking.Kc);
        var packed = new PackedMatrix(layout, resolved, blocking);
        GemmPacking.PackB(ref MemoryMarshal.GetReference(b), ldb, transB, in layout, ref packed.Data, 0, layout.Panels);
        return packed;
    }

    internal static void SgemmAt(
        bool transA, int m, ReadOnlySpan<float> a, int lda, PackedMatrix b, ReadOnlySpan<float> bias, Span<float> c, int ldc,
        Epilogue epilogue, int threads, long minFlopsPerThread = GemmParallel.MinFlopsPerThread)
    {
        ArgumentNullException.ThrowIfNull(b);
        int k = b.K, n = b.N;
        RequireSizes(m, k, n);
        RequireStrided(nameof(a), a.Length, transA ? k : m, transA ? m : k, lda, nameof(lda));
        RequireStrided(nameof(c), c.Length, m, n, ldc, nameof(ldc));
        if (bias.Length != 0 && bias.Length != n)
        {
            throw new ArgumentException($"Sgemm: bias has {bias.Length} elements but must be empty or have n = {n}", nameof(bias));
        }

        if (epilogue is not (Epilogue.None or Epilogue.Relu))
        {
            throw new ArgumentOutOfRangeException(nameof(epilogue), epilogue, "unknown epilogue");
        }

        if (m == 0 || n == 0)
        {
            return;
        }

        RunPacked(b.Width, threads, a, transA, lda, m, ref b.Data, b.Layout, b.Blocking, bias, c, ldc, epilogue, minFlopsPerThread);
    }

    // op(B) packed into this thread's scratch buffer, valid until the thread's next product.
    private static ref float PackIntoScratch(
        ReadOnlySpan<float> b, int k, int n, bool transB, int ldb, GemmBlocking blocking, int threads, out GemmPackedLayout layout)
    {
        layout = new GemmPackedLayout(k, n, blocking.Nr, blocking.Kc);
        ref float packed = ref GemmScratch.PackedB(layout.Length);
        GemmParallel.PackB(ref MemoryMarshal.GetReference(b), ldb, transB, in layout, ref packed, threads);
        return ref packed;
    }

    // C = op(A) @ packed B (+ bias), then the epilogue, for validated operands with m, n > 0.
    private static void RunPacked(
        VectorWidth width, int threads, ReadOnlySpan<float> a, bool transA, int lda, int m,
        ref float packed, GemmPackedLayout layout, GemmBlocking blocking,
        ReadOnlySpan<float> bias, Span<float> c, int ldc, Epilogue epilogue, long minFlopsPerThread = GemmParallel.MinFlopsPerThread)
    {
        ref float c0 = ref MemoryMarshal.GetReference(c);
        if (layout.K == 0)
        {
            FillBiasRows(ref c0, m, layout.N, ldc, bias, epilogue == Epilogue.Relu);
            return;
        }

        var op = new GemmOperands(
            ref MemoryMarshal.GetReference(a), lda, transA, 1f, m, ref packed, layout, blocking,
            ref c0, ldc, accumulateC: false, ref MemoryMarshal.GetReference(bias), hasBias: bias.Length != 0,
            relu: epilogue == Epilogue.Relu);
        GemmParallel.Run(width, in op, threads, minFlopsPerThread);
    }

    // c = beta * c, or +0 without reading c when beta == 0 (BLAS semantics: NaN garbage in C is ignored).
    private static void ScaleRows(ref float c, int m, int n, int ldc, float beta)
    {
        for (int i = 0; i < m; i++)
        {
            Span<float> row = MemoryMarshal.CreateSpan(ref Unsafe.Add(ref c, (nint)i * ldc), n);
            if (beta == 0f)
            {
                row.Clear();
            }
            else
            {
                for (int j = 0; j < row.Length; j++)
                {
                    row[j] *= beta;
                }
            }
        }
    }

    // k == 0 with a packed B: an empty chain is +0, then the bias and relu as usual.
    private static void FillBiasRows(ref float c, int m, int n, int ldc, ReadOnlySpan<float> bias, bool relu)
    {
        for (int i = 0; i < m; i++)
        {
            Span<float> row = MemoryMarshal.CreateSpan(ref Unsafe.Add(ref c, (nint)i * ldc), n);
            for (int j = 0; j < n; j++)
            {
                float v = bias.Length != 0 ? 0f + bias[j] : 0f;
                row[j] = relu ? ReluOperator.Invoke(v) : v;
            }
        }
    }

    // A [rows, cols] operand stored with row stride ld: BLAS's ld >= max(1, cols), and room for the last row.
    private static void RequireStrided(string name, int length, int rows, int cols, int ld, string ldName)
    {
        if (ld < Math.Max(1, cols))
        {
            throw new ArgumentOutOfRangeException(ldName, ld, $"Sgemm: {ldName} = {ld} is less than the row length of {name} ({cols})");
        }

        long needed = rows == 0 || cols == 0 ? 0 : ((long)(rows - 1) * ld) + cols;
        if (length < needed)
        {
            throw new ArgumentException(
                $"Sgemm: {name} has {length} elements but {rows} rows of {cols} with stride {ld} need {needed}", name);
        }
    }
}
