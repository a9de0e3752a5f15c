using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace TorchJit.Kernels;

/// <summary>Copies operands into the layouts the micro-kernel streams (Note [Sgemm blocking]).</summary>
internal static class GemmPacking
{
    /// <summary>Floats a packed A buffer needs past its last panel for the transpose overshoot (<see cref="GemmTranspose.Rows6x8"/>).</summary>
    public const int PackedASlack = 8;

    /// <summary>Packs panels [<paramref name="panelStart"/>, <paramref name="panelEnd"/>) of op(B) for every k block of <paramref name="layout"/>.</summary>
    public static void PackB(
        ref float b, nint ldb, bool transB, in GemmPackedLayout layout, ref float packed, int panelStart, int panelEnd)
    {
        int nr = layout.Nr;
        for (int q = 0; q < layout.KBlocks; q++)
        {
            int k0 = layout.BlockStart(q);
            int kc = layout.BlockDepth(q);
            ref float block = ref Unsafe.Add(ref packed, layout.PanelOffset(q, 0));
            if (transB)
            {
                for (int p = panelStart; p < panelEnd; p++)
                {
                    int j0 = p * nr;
                    PackColumnsOfRows(
                        ref Unsafe.Add(ref b, ((nint)j0 * ldb) + k0), ldb, kc, Math.Min(nr, layout.N - j0), nr,
                        ref Unsafe.Add(ref block, (nint)p * kc * nr));
                }
            }
            else
            {
                PackRows(ref Unsafe.Add(ref b, (nint)k0 * ldb), ldb, kc, layout.N, nr, panelStart, panelEnd, ref block);
            }
        }
    }

    /// <summary>
    /// Packs op(A)[i0 .. i0+mc, k0 .. k0+kc], times <paramref name="alpha"/>, into micro-panels of
    /// <paramref name="mr"/> rows (the last one may be shorter): the panel of row ir starts at ir * kc and holds
    /// its rows' values for each kk in turn, as the micro-kernel broadcasts them.
    /// </summary>
    /// <remarks>
    /// Always multiplying is exact for alpha = 1 (x * 1 = x for every float, NaN stays NaN), so the common case
    /// needs no second copy of these loops.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // Note [Sgemm tiering]
    public static void PackA(
        ref float a, nint lda, bool transA, float alpha, int i0, int mc, int k0, int kc, int mr, ref float packed)
    {
        if (transA)
        {
            PackColumnsOfA(ref Unsafe.Add(ref a, ((nint)k0 * lda) + i0), lda, mc, kc, mr, alpha, ref packed);
            return;
        }

        for (int ir = 0; ir < mc; ir += mr)
        {
            int rows = Math.Min(mr, mc - ir);
            PackRowsOfA(ref Unsafe.Add(ref a, ((nint)(i0 + ir) * lda) + k0), lda, rows, kc, alpha, ref Unsafe.Add(ref packed, (nint)ir * kc));
        }
    }

    // op(A) = A^T: op(A)[i, kk] = a[kk, i], so row kk of a holds step kk of every micro-panel. Reading each
    // row once, left to right, and dealing it out to the micro-panels beats filling one micro-panel at a time,
    // which reads 24 bytes of each row per pass (half the speed of the untransposed case at 512^3).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // Note [Sgemm tiering]
    private static void PackColumnsOfA(ref float src, nint lda, int mc, int kc, int mr, float alpha, ref float packed)
    {
        for (int kk = 0; kk < kc; kk++)
        {
            ref float s = ref Unsafe.Add(ref src, kk * lda);
            for (int ir = 0; ir < mc; ir += mr)
            {
                int rows = Math.Min(mr, mc - ir);
                ref float d = ref Unsafe.Add(ref packed, ((nint)ir * kc) + ((nint)kk * rows));
                for (int r = 0; r < rows; r++)
                {
                    Unsafe.Add(ref d, r) = alpha * Unsafe.Add(ref s, ir + r);
                }
            }
        }
    }

    // op(A) = A: the micro-panel is a transpose of `rows` rows of A. Full 6-row panels go 8 k at a time
    // through a register transpose; its 2 floats of overshoot land in the next kk (or the next panel, or
    // the buffer's slack, see PackedASlack), which is written after.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // Note [Sgemm tiering]
    private static void PackRowsOfA(ref float src, nint lda, int rows, int kc, float alpha, ref float panel)
    {
        int kk = 0;
        if (rows == 6 && GemmTranspose.IsSupported)
        {
            var scale = Vector256.Create(alpha);
            for (; kk + 8 <= kc; kk += 8)
            {
                GemmTranspose.Rows6x8(ref Unsafe.Add(ref src, kk), lda, scale, ref Unsafe.Add(ref panel, kk * 6));
            }
        }

        for (int r = 0; r < rows; r++)
        {
            ref float s = ref Unsafe.Add(ref src, r * lda);
            ref float d = ref Unsafe.Add(ref panel, r);
            for (int k = kk; k < kc; k++)
            {
                Unsafe.Add(ref d, k * rows) = alpha * Unsafe.Add(ref s, k);
            }
        }
    }

    // op(B) = B: row kk of every panel is a slice of row kk of B; columns past n are zero. Walking B row by
    // row reads it sequentially and writes whole cache lines of the panels; walking panel by panel instead
    // jumps a row of B per 16 floats, a new page per step when the row is 4 KB, and ran at ~2 ns per float.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // Note [Sgemm tiering]
    private static void PackRows(ref float src, nint ldb, int kc, int n, int nr, int panelStart, int panelEnd, ref float block)
    {
        nint panelStride = (nint)kc * nr;
        int fullEnd = Math.Min(panelEnd, n / nr);
        for (int kk = 0; kk < kc; kk++)
        {
            ref float s = ref Unsafe.Add(ref src, kk * ldb);
            ref float d = ref Unsafe.Add(ref block, (nint)kk * nr);
            for (int p = panelStart; p < fullEnd; p++)
            {
                CopyPanelRow(ref Unsafe.Add(ref s, p * nr), ref Unsafe.Add(ref d, p * panelStride), nr);
            }

            for (int p = Math.Max(panelStart, fullEnd); p < panelEnd; p++)
            {
                ref float dp = ref Unsafe.Add(ref d, p * panelStride);
                for (int jj = 0; jj < nr; jj++)
                {
                    int j = (p * nr) + jj;
                    Unsafe.Add(ref dp, jj) = j < n ? Unsafe.Add(ref s, j) : 0f;
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyPanelRow(ref float src, ref float dst, int nr)
    {
        if (Vector256.IsHardwareAccelerated && nr % Vector256<float>.Count == 0)
        {
            for (int jj = 0; jj < nr; jj += Vector256<float>.Count)
            {
                Vector256.LoadUnsafe(ref src, (nuint)jj).StoreUnsafe(ref dst, (nuint)jj);
            }
        }
        else if (nr % Vector128<float>.Count == 0)
        {
            for (int jj = 0; jj < nr; jj += Vector128<float>.Count)
            {
                Vector128.LoadUnsafe(ref src, (nuint)jj).StoreUnsafe(ref dst, (nuint)jj);
            }
        }
        else
        {
            for (int jj = 0; jj < nr; jj++)
            {
                Unsafe.Add(ref dst, jj) = Unsafe.Add(ref src, jj);
            }
        }
    }

    // op(B) = B^T: panel column jj is a slice of row j0 + jj of B. Whole 8x8 blocks go through register
    // transposes; the rest walks k in chunks so the chunk of the panel being written (chunk x nr floats)
    // stays in L1 while each source row is read sequentially.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // Note [Sgemm tiering]
    private static void PackColumnsOfRows(ref float src, nint ldb, int kc, int cols, int nr, ref float panel)
    {
        int blockedCols = 0, blockedK = 0;
        if (GemmTranspose.IsSupported)
        {
            blockedCols = cols & ~7;
            blockedK = kc & ~7;
            for (int jj = 0; jj < blockedCols; jj += 8)
            {
                ref float s = ref Unsafe.Add(ref src, jj * ldb);
                ref float d = ref Unsafe.Add(ref panel, jj);
                for (int kk = 0; kk < blockedK; kk += 8)
                {
                    GemmTranspose.Block8x8(ref Unsafe.Add(ref s, kk), ldb, ref Unsafe.Add(ref d, (nint)kk * nr), nr);
                }
            }
        }

        // Rows of the panel below the blocks (k tail), then columns right of them (including the zero padding).
        TransposeScalar(ref src, ldb, blockedK, kc, 0, blockedCols, cols, nr, ref panel);
        TransposeScalar(ref src, ldb, 0, kc, blockedCols, nr, cols, nr, ref panel);
    }

    // panel[kk, jj] = src[jj, kk] (0 for jj >= cols) over kk in [k0, k1), jj in [j0, j1).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // Note [Sgemm tiering]
    private static void TransposeScalar(ref float src, nint ldb, int k0, int k1, int j0, int j1, int cols, int nr, ref float panel)
    {
        const int Chunk = 32;
        for (int kc0 = k0; kc0 < k1; kc0 += Chunk)
        {
            int kc1 = Math.Min(kc0 + Chunk, k1);
            for (int jj = j0; jj < j1; jj++)
            {
                ref float d = ref Unsafe.Add(ref panel, jj);
                ref float s = ref Unsafe.Add(ref src, jj * ldb);
                for (int kk = kc0; kk < kc1; kk++)
                {
                    Unsafe.Add(ref d, (nint)kk * nr) = jj < cols ? Unsafe.Add(ref s, kk) : 0f;
                }
            }
        }
    }
}
