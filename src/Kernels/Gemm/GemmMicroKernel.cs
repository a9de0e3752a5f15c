using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace TorchJit.Kernels;

// Note [Sgemm tile]: the micro-kernel keeps a tile of C in registers, TRows rows by TVecs vectors, and walks
// one k block: per step it loads TVecs vectors of packed B, broadcasts one packed A value per row and does
// TRows * TVecs independent FMAs. The main tile is 6 rows by one packed B panel (ISimd.GemmPanelVectors
// vectors): 6x16 floats at 256 bits = 12 ymm accumulators + 2 B vectors + 1 broadcast of the 16 registers
// AVX2 has. 12 chains cover the FMA latency (4 cycles on Zen 3 and Skylake) times the 2 FMA pipes with room to
// spare, and the 8 loads per 12 FMAs fit the 2-3 loads per cycle of those cores. At 512 bits the panel is 4
// vectors (6x64, 24 of the 32 zmm registers); at 128 bits 6x8.
// Row blocks of 1..3 rows (the GEMV-like calls: batch-1 inference) span several panels instead, so that few
// rows still have enough chains in flight: at 2-vector panels 1x8, 2x6 and 3x4 vectors (8-12 accumulators),
// at 4-vector panels 1x8 and 2x8. Rows 0-1 therefore have 8 accumulators and rows 2-5 have 4.
// TRows and TVecs are struct type arguments, so the JIT compiles one copy per shape and drops every
// accumulator the shape does not use; the code is written once for the largest shapes.
// The tile never changes how an element is computed (Note [Sgemm order]): each accumulator is one FMA chain
// over the k block, continuing from the value already in C when the block is not the first.

// Note [Sgemm tiering]: the hot loops are marked AggressiveOptimization, i.e. compiled fully optimized on
// first use. Under tiered compilation a tile shape that is called rarely but runs long (a batch-1 product
// calls its tile a few dozen times) was seen to stay in unoptimized tier-0 code, with the accumulators in
// memory, for a whole benchmark: 25x slower. PGO has nothing to add to these loops.

/// <summary>The SGEMM register tile (Note [Sgemm tile]).</summary>
internal static class GemmMicroKernel
{
    /// <summary>
    /// C[0..TRows, 0..TVecs*Count] (row stride <paramref name="ldc"/>) = chain over <paramref name="kc"/> steps
    /// of packed A (TRows floats per step) times packed B (one panel row of
    /// <c>GemmPanelVectors * Count</c> floats per step; vectors past the first panel come from the next panel,
    /// <paramref name="panelStride"/> floats further on), starting from C or from +0 per <paramref name="ends"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Tile<TSimd, TVec, TRows, TVecs>(
        ref float a, ref float b, nint panelStride, int kc, ref float c, nint ldc, in GemmTileEnds ends)
        where TSimd : ISimd<TVec>
        where TVec : struct
        where TRows : IGemmCount
        where TVecs : IGemmCount
    {
        Debug.Assert(TVecs.Value <= (TRows.Value <= 2 ? 8 : 4), "no accumulators for this tile shape");
        nuint cw = (nuint)TSimd.Count;
        nint nr = TSimd.GemmPanelVectors * TSimd.Count;
        TVec c00 = TSimd.Zero, c01 = TSimd.Zero, c02 = TSimd.Zero, c03 = TSimd.Zero, c04 = TSimd.Zero, c05 = TSimd.Zero, c06 = TSimd.Zero, c07 = TSimd.Zero;
        TVec c10 = TSimd.Zero, c11 = TSimd.Zero, c12 = TSimd.Zero, c13 = TSimd.Zero, c14 = TSimd.Zero, c15 = TSimd.Zero, c16 = TSimd.Zero, c17 = TSimd.Zero;
        TVec c20 = TSimd.Zero, c21 = TSimd.Zero, c22 = TSimd.Zero, c23 = TSimd.Zero;
        TVec c30 = TSimd.Zero, c31 = TSimd.Zero, c32 = TSimd.Zero, c33 = TSimd.Zero;
        TVec c40 = TSimd.Zero, c41 = TSimd.Zero, c42 = TSimd.Zero, c43 = TSimd.Zero;
        TVec c50 = TSimd.Zero, c51 = TSimd.Zero, c52 = TSimd.Zero, c53 = TSimd.Zero;
        if (ends.LoadC)
        {
            ref float cr0 = ref c;
            c00 = TSimd.Load(ref cr0, 0 * cw);
            if (TVecs.Value > 1) c01 = TSimd.Load(ref cr0, 1 * cw);
            if (TVecs.Value > 2) c02 = TSimd.Load(ref cr0, 2 * cw);
            if (TVecs.Value > 3) c03 = TSimd.Load(ref cr0, 3 * cw);
            if (TVecs.Value > 4) c04 = TSimd.Load(ref cr0, 4 * cw);
            if (TVecs.Value > 5) c05 = TSimd.Load(ref cr0, 5 * cw);
            if (TVecs.Value > 6) c06 = TSimd.Load(ref cr0, 6 * cw);
            if (TVecs.Value > 7) c07 = TSimd.Load(ref cr0, 7 * cw);

            if (TRows.Value > 1)
            {
                ref float cr1 = ref Unsafe.Add(ref c, 1 * ldc);
                c10 = TSimd.Load(ref cr1, 0 * cw);
                if (TVecs.Value > 1) c11 = TSimd.Load(ref cr1, 1 * cw);
                if (TVecs.Value > 2) c12 = TSimd.Load(ref cr1, 2 * cw);
                if (TVecs.Value > 3) c13 = TSimd.Load(ref cr1, 3 * cw);
                if (TVecs.Value > 4) c14 = TSimd.Load(ref cr1, 4 * cw);
                if (TVecs.Value > 5) c15 = TSimd.Load(ref cr1, 5 * cw);
                if (TVecs.Value > 6) c16 = TSimd.Load(ref cr1, 6 * cw);
                if (TVecs.Value > 7) c17 = TSimd.Load(ref cr1, 7 * cw);
            }

            if (TRows.Value > 2)
            {
                ref float cr2 = ref Unsafe.Add(ref c, 2 * ldc);
                c20 = TSimd.Load(ref cr2, 0 * cw);
                if (TVecs.Value > 1) c21 = TSimd.Load(ref cr2, 1 * cw);
                if (TVecs.Value > 2) c22 = TSimd.Load(ref cr2, 2 * cw);
                if (TVecs.Value > 3) c23 = TSimd.Load(ref cr2, 3 * cw);
            }

            if (TRows.Value > 3)
            {
                ref float cr3 = ref Unsafe.Add(ref c, 3 * ldc);
                c30 = TSimd.Load(ref cr3, 0 * cw);
                if (TVecs.Value > 1) c31 = TSimd.Load(ref cr3, 1 * cw);
                if (TVecs.Value > 2) c32 = TSimd.Load(ref cr3, 2 * cw);
                if (TVecs.Value > 3) c33 = TSimd.Load(ref cr3, 3 * cw);
            }

            if (TRows.Value > 4)
            {
                ref float cr4 = ref Unsafe.Add(ref c, 4 * ldc);
                c40 = TSimd.Load(ref cr4, 0 * cw);
                if (TVecs.Value > 1) c41 = TSimd.Load(ref cr4, 1 * cw);
                if (TVecs.Value > 2) c42 = TSimd.Load(ref cr4, 2 * cw);
                if (TVecs.Value > 3) c43 = TSimd.Load(ref cr4, 3 * cw);
            }

            if (TRows.Value > 5)
            {
                ref float cr5 = ref Unsafe.Add(ref c, 5 * ldc);
                c50 = TSimd.Load(ref cr5, 0 * cw);
                if (TVecs.Value > 1) c51 = TSimd.Load(ref cr5, 1 * cw);
                if (TVecs.Value > 2) c52 = TSimd.Load(ref cr5, 2 * cw);
                if (TVecs.Value > 3) c53 = TSimd.Load(ref cr5, 3 * cw);
            }
        }

        ref float ap = ref a;
        ref float bp = ref b;
        for (int kk = 0; kk < kc; kk++)
        {
            TVec b0 = LoadB<TSimd, TVec>(ref bp, panelStride, 0);
            TVec b1 = TVecs.Value > 1 ? LoadB<TSimd, TVec>(ref bp, panelStride, 1) : TSimd.Zero;
            TVec b2 = TVecs.Value > 2 ? LoadB<TSimd, TVec>(ref bp, panelStride, 2) : TSimd.Zero;
            TVec b3 = TVecs.Value > 3 ? LoadB<TSimd, TVec>(ref bp, panelStride, 3) : TSimd.Zero;
            TVec b4 = TVecs.Value > 4 ? LoadB<TSimd, TVec>(ref bp, panelStride, 4) : TSimd.Zero;
            TVec b5 = TVecs.Value > 5 ? LoadB<TSimd, TVec>(ref bp, panelStride, 5) : TSimd.Zero;
            TVec b6 = TVecs.Value > 6 ? LoadB<TSimd, TVec>(ref bp, panelStride, 6) : TSimd.Zero;
            TVec b7 = TVecs.Value > 7 ? LoadB<TSimd, TVec>(ref bp, panelStride, 7) : TSimd.Zero;
            TVec x;
            x = TSimd.Broadcast(Unsafe.Add(ref ap, 0));
            c00 = TSimd.FusedMultiplyAdd(x, b0, c00);
            if (TVecs.Value > 1) c01 = TSimd.FusedMultiplyAdd(x, b1, c01);
            if (TVecs.Value > 2) c02 = TSimd.FusedMultiplyAdd(x, b2, c02);
            if (TVecs.Value > 3) c03 = TSimd.FusedMultiplyAdd(x, b3, c03);
            if (TVecs.Value > 4) c04 = TSimd.FusedMultiplyAdd(x, b4, c04);
            if (TVecs.Value > 5) c05 = TSimd.FusedMultiplyAdd(x, b5, c05);
            if (TVecs.Value > 6) c06 = TSimd.FusedMultiplyAdd(x, b6, c06);
            if (TVecs.Value > 7) c07 = TSimd.FusedMultiplyAdd(x, b7, c07);

            if (TRows.Value > 1)
            {
                x = TSimd.Broadcast(Unsafe.Add(ref ap, 1));
                c10 = TSimd.FusedMultiplyAdd(x, b0, c10);
                if (TVecs.Value > 1) c11 = TSimd.FusedMultiplyAdd(x, b1, c11);
                if (TVecs.Value > 2) c12 = TSimd.FusedMultiplyAdd(x, b2, c12);
                if (TVecs.Value > 3) c13 = TSimd.FusedMultiplyAdd(x, b3, c13);
                if (TVecs.Value > 4) c14 = TSimd.FusedMultiplyAdd(x, b4, c14);
                if (TVecs.Value > 5) c15 = TSimd.FusedMultiplyAdd(x, b5, c15);
                if (TVecs.Value > 6) c16 = TSimd.FusedMultiplyAdd(x, b6, c16);
                if (TVecs.Value > 7) c17 = TSimd.FusedMultiplyAdd(x, b7, c17);
            }

            if (TRows.Value > 2)
            {
                x = TSimd.Broadcast(Unsafe.Add(ref ap, 2));
                c20 = TSimd.FusedMultiplyAdd(x, b0, c20);
                if (TVecs.Value > 1) c21 = TSimd.FusedMultiplyAdd(x, b1, c21);
                if (TVecs.Value > 2) c22 = TSimd.FusedMultiplyAdd(x, b2, c22);
                if (TVecs.Value > 3) c23 = TSimd.FusedMultiplyAdd(x, b3, c23);
            }

            if (TRows.Value > 3)
            {
                x = TSimd.Broadcast(Unsafe.Add(ref ap, 3));
                c30 = TSimd.FusedMultiplyAdd(x, b0, c30);
                if (TVecs.Value > 1) c31 = TSimd.FusedMultiplyAdd(x, b1, c31);
                if (TVecs.Value > 2) c32 = TSimd.FusedMultiplyAdd(x, b2, c32);
                if (TVecs.Value > 3) c33 = TSimd.FusedMultiplyAdd(x, b3, c33);
            }

            if (TRows.Value > 4)
            {
                x = TSimd.Broadcast(Unsafe.Add(ref ap, 4));
                c40 = TSimd.FusedMultiplyAdd(x, b0, c40);
                if (TVecs.Value > 1) c41 = TSimd.FusedMultiplyAdd(x, b1, c41);
                if (TVecs.Value > 2) c42 = TSimd.FusedMultiplyAdd(x, b2, c42);
                if (TVecs.Value > 3) c43 = TSimd.FusedMultiplyAdd(x, b3, c43);
            }

            if (TRows.Value > 5)
            {
                x = TSimd.Broadcast(Unsafe.Add(ref ap, 5));
                c50 = TSimd.FusedMultiplyAdd(x, b0, c50);
                if (TVecs.Value > 1) c51 = TSimd.FusedMultiplyAdd(x, b1, c51);
                if (TVecs.Value > 2) c52 = TSimd.FusedMultiplyAdd(x, b2, c52);
                if (TVecs.Value > 3) c53 = TSimd.FusedMultiplyAdd(x, b3, c53);
            }

            ap = ref Unsafe.Add(ref ap, TRows.Value);
            bp = ref Unsafe.Add(ref bp, nr);
        }

        ref float dr0 = ref c;
        TSimd.Store(c00, ref dr0, 0 * cw);
        if (TVecs.Value > 1) TSimd.Store(c01, ref dr0, 1 * cw);
        if (TVecs.Value > 2) TSimd.Store(c02, ref dr0, 2 * cw);
        if (TVecs.Value > 3) TSimd.Store(c03, ref dr0, 3 * cw);
        if (TVecs.Value > 4) TSimd.Store(c04, ref dr0, 4 * cw);
        if (TVecs.Value > 5) TSimd.Store(c05, ref dr0, 5 * cw);
        if (TVecs.Value > 6) TSimd.Store(c06, ref dr0, 6 * cw);
        if (TVecs.Value > 7) TSimd.Store(c07, ref dr0, 7 * cw);

        if (TRows.Value > 1)
        {
            ref float dr1 = ref Unsafe.Add(ref c, 1 * ldc);
            TSimd.Store(c10, ref dr1, 0 * cw);
            if (TVecs.Value > 1) TSimd.Store(c11, ref dr1, 1 * cw);
            if (TVecs.Value > 2) TSimd.Store(c12, ref dr1, 2 * cw);
            if (TVecs.Value > 3) TSimd.Store(c13, ref dr1, 3 * cw);
            if (TVecs.Value > 4) TSimd.Store(c14, ref dr1, 4 * cw);
            if (TVecs.Value > 5) TSimd.Store(c15, ref dr1, 5 * cw);
            if (TVecs.Value > 6) TSimd.Store(c16, ref dr1, 6 * cw);
            if (TVecs.Value > 7) TSimd.Store(c17, ref dr1, 7 * cw);
        }

        if (TRows.Value > 2)
        {
            ref float dr2 = ref Unsafe.Add(ref c, 2 * ldc);
            TSimd.Store(c20, ref dr2, 0 * cw);
            if (TVecs.Value > 1) TSimd.Store(c21, ref dr2, 1 * cw);
            if (TVecs.Value > 2) TSimd.Store(c22, ref dr2, 2 * cw);
            if (TVecs.Value > 3) TSimd.Store(c23, ref dr2, 3 * cw);
        }

        if (TRows.Value > 3)
        {
            ref float dr3 = ref Unsafe.Add(ref c, 3 * ldc);
            TSimd.Store(c30, ref dr3, 0 * cw);
            if (TVecs.Value > 1) TSimd.Store(c31, ref dr3, 1 * cw);
            if (TVecs.Value > 2) TSimd.Store(c32, ref dr3, 2 * cw);
            if (TVecs.Value > 3) TSimd.Store(c33, ref dr3, 3 * cw);
        }

        if (TRows.Value > 4)
        {
            ref float dr4 = ref Unsafe.Add(ref c, 4 * ldc);
            TSimd.Store(c40, ref dr4, 0 * cw);
            if (TVecs.Value > 1) TSimd.Store(c41, ref dr4, 1 * cw);
            if (TVecs.Value > 2) TSimd.Store(c42, ref dr4, 2 * cw);
            if (TVecs.Value > 3) TSimd.Store(c43, ref dr4, 3 * cw);
        }

        if (TRows.Value > 5)
        {
            ref float dr5 = ref Unsafe.Add(ref c, 5 * ldc);
            TSimd.Store(c50, ref dr5, 0 * cw);
            if (TVecs.Value > 1) TSimd.Store(c51, ref dr5, 1 * cw);
            if (TVecs.Value > 2) TSimd.Store(c52, ref dr5, 2 * cw);
            if (TVecs.Value > 3) TSimd.Store(c53, ref dr5, 3 * cw);
        }

        if (ends.HasBias || ends.Relu)
        {
            Finish<TSimd, TVec>(ref c, ldc, TRows.Value, TVecs.Value, in ends);
        }

    }

    // Vector v of a packed B row: panel v / GemmPanelVectors, lane offset (v % GemmPanelVectors) * Count.
    // v is a constant at every call, so this folds to one load at a fixed offset.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec LoadB<TSimd, TVec>(ref float b, nint panelStride, int v)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        int vp = TSimd.GemmPanelVectors;
        return TSimd.Load(ref Unsafe.Add(ref b, (v / vp) * panelStride), (nuint)((v % vp) * TSimd.Count));
    }

    // Epilogue of the last k block (Note [Sgemm order]): + bias, then relu, on the tile just stored (still in
    // L1). It is a separate call, after the accumulators are dead, because code after the k loop that can
    // call out (the JIT stops inlining in a method this size) makes the register allocator spill the
    // accumulators inside the loop.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Finish<TSimd, TVec>(ref float c, nint ldc, int rows, int vectors, in GemmTileEnds ends)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        for (int r = 0; r < rows; r++)
        {
            ref float row = ref Unsafe.Add(ref c, r * ldc);
            for (int v = 0; v < vectors; v++)
            {
                nuint at = (nuint)(v * TSimd.Count);
                TVec x = TSimd.Load(ref row, at);
                if (ends.HasBias)
                {
                    x = TSimd.Add(x, TSimd.Load(ref ends.Bias, at));
                }

                TSimd.Store(ends.Relu ? TSimd.Unary<ReluOperator>(x) : x, ref row, at);
            }
        }
    }
}
