using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace TorchJit.Kernels;

/// <summary>The cache-blocked loops around the micro-kernel (Note [Sgemm blocking]) for one range of output tiles.</summary>
internal static class GemmDriver
{
    /// <summary>
    /// Computes C[rowStart..rowEnd, panels panelStart..panelEnd] at a resolved width. Ranges from different
    /// calls never share an output, so threads may run disjoint ranges at once.
    /// </summary>
    public static void Run(VectorWidth width, in GemmOperands op, int rowStart, int rowEnd, int panelStart, int panelEnd)
    {
        switch (width)
        {
            case VectorWidth.V512: Run<Simd512, Vector512<float>>(in op, rowStart, rowEnd, panelStart, panelEnd); break;
            case VectorWidth.V256: Run<Simd256, Vector256<float>>(in op, rowStart, rowEnd, panelStart, panelEnd); break;
            case VectorWidth.V128: Run<Simd128, Vector128<float>>(in op, rowStart, rowEnd, panelStart, panelEnd); break;
            default: GemmScalar.Run(in op, rowStart, rowEnd, panelStart, panelEnd); break;
        }
    }

    // SkipLocalsInit: the edge buffer is written before it is read (EdgeTile), and zeroing 3.5 KB would be a
    // tenth of a small product.
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // Note [Sgemm tiering]
    private static void Run<TSimd, TVec>(in GemmOperands op, int rowStart, int rowEnd, int panelStart, int panelEnd)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        GemmBlocking blocking = op.Blocking;
        GemmPackedLayout layout = op.Layout;
        Span<float> edge = stackalloc float[(GemmBlocking.TileRows + 1) * GemmBlocking.MaxTileWidth];
        ref float packedA = ref GemmScratch.PackedA((blocking.Mc * blocking.Kc) + GemmPacking.PackedASlack);
        int ncPanels = Math.Max(1, blocking.Nc / blocking.Nr);
        for (int p0 = panelStart; p0 < panelEnd; p0 += ncPanels)
        {
            int p1 = Math.Min(p0 + ncPanels, panelEnd);
            for (int q = 0; q < layout.KBlocks; q++)
            {
                var ends = new GemmTileEnds(
                    loadC: q > 0 || op.AccumulateC, hasBias: op.HasBias && q == layout.KBlocks - 1,
                    relu: op.Relu && q == layout.KBlocks - 1, ref op.Bias);
                for (int i0 = rowStart; i0 < rowEnd; i0 += blocking.Mc)
                {
                    int mc = Math.Min(blocking.Mc, rowEnd - i0);
                    GemmPacking.PackA(
                        ref op.A, op.Lda, op.TransA, op.Alpha, i0, mc, layout.BlockStart(q), layout.BlockDepth(q), blocking.Mr, ref packedA);
                    MacroBlock<TSimd, TVec>(in op, in ends, ref packedA, i0, mc, q, p0, p1, edge);
                }
            }
        }
    }

    // One packed A block against panels p0..p1 of k block q: B micro-panel outer so it stays in L1 while the
    // A micro-panels stream past it from L2.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // Note [Sgemm tiering]
    private static void MacroBlock<TSimd, TVec>(
        in GemmOperands op, in GemmTileEnds ends, ref float packedA, int i0, int mc, int q, int p0, int p1, Span<float> edge)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        GemmPackedLayout layout = op.Layout;
        int nr = layout.Nr;
        int mr = op.Blocking.Mr;
        int kc = layout.BlockDepth(q);
        nint panelStride = (nint)kc * nr;
        int panelsPerTile = PanelsPerTile(mc, TSimd.GemmPanelVectors);
        for (int p = p0; p < p1;)
        {
            int span = Math.Min(panelsPerTile, p1 - p);
            int j0 = p * nr;
            int width = span * nr;
            int cols = Math.Min(width, layout.N - j0);
            ref float bp = ref Unsafe.Add(ref op.B, layout.PanelOffset(q, p));
            var tileEnds = new GemmTileEnds(ends.LoadC, ends.HasBias, ends.Relu, ref Unsafe.Add(ref op.Bias, j0));
            ref float nextB = ref Unsafe.Add(ref bp, span * panelStride);
            nint nextBFloats = Math.Min(panelsPerTile, p1 - p - span) * panelStride;
            int tiles = (mc + mr - 1) / mr;
            for (int ir = 0; ir < mc; ir += mr)
            {
                int rows = Math.Min(mr, mc - ir);
                ref float ap = ref Unsafe.Add(ref packedA, (nint)ir * kc);
                ref float cp = ref Unsafe.Add(ref op.C, ((nint)(i0 + ir) * op.Ldc) + j0);
                if (ends.LoadC && ir + mr < mc)
                {
                    GemmPrefetch.Tile(ref Unsafe.Add(ref cp, mr * op.Ldc), op.Ldc, Math.Min(mr, mc - ir - mr), cols);
                }

                GemmPrefetch.Slice(ref nextB, nextBFloats, ir / mr, tiles);

                if (cols == width)
                {
                    Tile<TSimd, TVec>(rows, span, ref ap, ref bp, panelStride, kc, ref cp, op.Ldc, in tileEnds);
                }
                else
                {
                    EdgeTile<TSimd, TVec>(rows, span, cols, ref ap, ref bp, panelStride, kc, ref cp, op.Ldc, in tileEnds, edge);
                }
            }

            p += span;
        }
    }

    // A tile that runs past column n: the kernel works on a full-width copy (the packed B panel is zero
    // there) and only the real columns go back, so nothing outside C or bias is read or written.
    private static void EdgeTile<TSimd, TVec>(
        int rows, int span, int cols, ref float ap, ref float bp, nint panelStride, int kc, ref float c, nint ldc,
        in GemmTileEnds ends, Span<float> edge)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        int width = span * TSimd.GemmPanelVectors * TSimd.Count;
        Span<float> tile = edge[..(rows * width)];
        Span<float> bias = edge.Slice(GemmBlocking.TileRows * GemmBlocking.MaxTileWidth, width);
        if (ends.LoadC)
        {
            // The lanes past n only feed outputs that are thrown away, but stale stack bits there could be
            // denormals, which some cores run through slow microcode.
            for (int r = 0; r < rows; r++)
            {
                MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref c, r * ldc), cols).CopyTo(tile.Slice(r * width, cols));
                tile.Slice((r * width) + cols, width - cols).Clear();
            }
        }

        if (ends.HasBias)
        {
            MemoryMarshal.CreateReadOnlySpan(ref ends.Bias, cols).CopyTo(bias);
            bias[cols..].Clear();
        }

        var tileEnds = new GemmTileEnds(ends.LoadC, ends.HasBias, ends.Relu, ref MemoryMarshal.GetReference(bias));
        Tile<TSimd, TVec>(rows, span, ref ap, ref bp, panelStride, kc, ref MemoryMarshal.GetReference(tile), width, in tileEnds);
        for (int r = 0; r < rows; r++)
        {
            tile.Slice(r * width, cols).CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref c, r * ldc), cols));
        }
    }

    // Panels one tile spans (Note [Sgemm tile]): short row blocks take more panels so that the tile still has
    // 8-12 accumulators; tiles of 4-6 rows take one.
    private static int PanelsPerTile(int rows, int panelVectors) => (rows, panelVectors) switch
    {
        (1, 2) => 4,
        (2, 2) => 3,
        (3, 2) => 2,
        ( <= 2, 4) => 2,
        _ => 1,
    };

    private static void Tile<TSimd, TVec>(
        int rows, int span, ref float ap, ref float bp, nint panelStride, int kc, ref float c, nint ldc, in GemmTileEnds ends)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        switch (span * TSimd.GemmPanelVectors)
        {
            case 2: Rows<TSimd, TVec, GemmCount2>(rows, ref ap, ref bp, panelStride, kc, ref c, ldc, in ends); break;
            case 4: Rows<TSimd, TVec, GemmCount4>(rows, ref ap, ref bp, panelStride, kc, ref c, ldc, in ends); break;
            case 6: Rows<TSimd, TVec, GemmCount6>(rows, ref ap, ref bp, panelStride, kc, ref c, ldc, in ends); break;
            default: Rows<TSimd, TVec, GemmCount8>(rows, ref ap, ref bp, panelStride, kc, ref c, ldc, in ends); break;
        }
    }

    private static void Rows<TSimd, TVec, TVecs>(
        int rows, ref float ap, ref float bp, nint panelStride, int kc, ref float c, nint ldc, in GemmTileEnds ends)
        where TSimd : ISimd<TVec>
        where TVec : struct
        where TVecs : IGemmCount
    {
        switch (rows)
        {
            case 6: GemmMicroKernel.Tile<TSimd, TVec, GemmCount6, TVecs>(ref ap, ref bp, panelStride, kc, ref c, ldc, in ends); break;
            case 5: GemmMicroKernel.Tile<TSimd, TVec, GemmCount5, TVecs>(ref ap, ref bp, panelStride, kc, ref c, ldc, in ends); break;
            case 4: GemmMicroKernel.Tile<TSimd, TVec, GemmCount4, TVecs>(ref ap, ref bp, panelStride, kc, ref c, ldc, in ends); break;
            case 3: GemmMicroKernel.Tile<TSimd, TVec, GemmCount3, TVecs>(ref ap, ref bp, panelStride, kc, ref c, ldc, in ends); break;
            case 2: GemmMicroKernel.Tile<TSimd, TVec, GemmCount2, TVecs>(ref ap, ref bp, panelStride, kc, ref c, ldc, in ends); break;
            default: GemmMicroKernel.Tile<TSimd, TVec, GemmCount1, TVecs>(ref ap, ref bp, panelStride, kc, ref c, ldc, in ends); break;
        }
    }
}
