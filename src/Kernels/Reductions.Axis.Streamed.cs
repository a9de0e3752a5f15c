using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TorchJit.Kernels;

// Note [Streamed columns]: for wide inner (rows at least StreamMinInner floats apart), walking one block of
// columns down the axis touches one cache line per row at a large, often power-of-two stride, which defeats
// the prefetchers and maps every row to the same few cache sets (sum over dim 0 of [1024, 1024] ran ~5x
// slower than over dim 1). Instead the rows are streamed in memory order, a tile of up to StreamTile columns
// at a time: the chunk accumulators of Note [Axis column order] live in a stack tile, the running totals in
// dest. Each output still folds exactly the same values in exactly the same order, so the results are the
// same bits as the register-blocked schedule. Columns past the last whole vector are done by one
// overlapping vector with the register schedule.
public static partial class AxisReductions
{
    /// <summary>Smallest inner (in floats) that takes the streamed schedule.</summary>
    internal const int StreamMinInner = 256;

    /// <summary>Columns per stack tile (4 KiB of chunk accumulators).</summary>
    private const int StreamTile = 1024;

    // Requires inner >= TSimd.Count.
    private static void FoldColumnsStreamed<TFold, TSimd, TVec>(ref float x, ref float dest, int outer, int axis, int inner)
        where TFold : IAxisFold
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        Span<float> tile = stackalloc float[StreamTile];
        ref float chunk = ref MemoryMarshal.GetReference(tile);
        nuint c = (nuint)TSimd.Count;
        nuint n = (nuint)inner;
        nuint whole = n - (n % c);
        TVec identity = TSimd.Broadcast(TFold.Identity);
        for (nuint o = 0; o < (nuint)outer; o++)
        {
            ref float xo = ref Unsafe.Add(ref x, o * (nuint)axis * n);
            ref float d = ref Unsafe.Add(ref dest, o * n);
            for (nuint j0 = 0; j0 < whole; j0 += StreamTile)
            {
                nuint width = Math.Min(StreamTile, whole - j0);
                ref float total = ref Unsafe.Add(ref d, j0);
                Fill<TSimd, TVec>(ref total, width, identity);
                nuint row = j0;
                for (int start = 0; start < axis; start += ColumnChunk)
                {
                    int rows = Math.Min(ColumnChunk, axis - start);
                    Fill<TSimd, TVec>(ref chunk, width, identity);
                    StepTileRows<TFold, TSimd, TVec>(ref chunk, ref Unsafe.Add(ref xo, row), n, rows, width);
                    row += (nuint)rows * n;
                    StepTile<TFold, TSimd, TVec>(ref total, ref chunk, width);
                }
            }

            if (whole < n)
            {
                TSimd.Store(FoldColumn<TFold, TSimd, TVec>(ref Unsafe.Add(ref xo, n - c), axis, n), ref d, n - c);
            }
        }
    }

    /// <summary>
    /// Folds <paramref name="rows"/> rows, <paramref name="stride"/> apart, into acc[0..width) in row order.
    /// Four rows per sweep keep each accumulator vector in a register for four steps, so the tile is loaded
    /// and stored once per four rows instead of once per row; the per-column order is unchanged.
    /// </summary>
    private static void StepTileRows<TFold, TSimd, TVec>(ref float acc, ref float x, nuint stride, int rows, nuint width)
        where TFold : IAxisFold
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        nuint c = (nuint)TSimd.Count;
        int r = 0;
        for (; r + 4 <= rows; r += 4)
        {
            ref float x0 = ref Unsafe.Add(ref x, (nuint)r * stride);
            ref float x1 = ref Unsafe.Add(ref x0, stride);
            ref float x2 = ref Unsafe.Add(ref x1, stride);
            ref float x3 = ref Unsafe.Add(ref x2, stride);
            for (nuint i = 0; i < width; i += c)
            {
                TVec a = TFold.Step<TSimd, TVec>(TSimd.Load(ref acc, i), TSimd.Load(ref x0, i));
                a = TFold.Step<TSimd, TVec>(a, TSimd.Load(ref x1, i));
                a = TFold.Step<TSimd, TVec>(a, TSimd.Load(ref x2, i));
                TSimd.Store(TFold.Step<TSimd, TVec>(a, TSimd.Load(ref x3, i)), ref acc, i);
            }
        }

        for (; r < rows; r++)
        {
            StepTile<TFold, TSimd, TVec>(ref acc, ref Unsafe.Add(ref x, (nuint)r * stride), width);
        }
    }

    /// <summary>acc[i] = Step(acc[i], x[i]) for i &lt; width (a multiple of the vector length).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StepTile<TFold, TSimd, TVec>(ref float acc, ref float x, nuint width)
        where TFold : IAxisFold
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        nuint c = (nuint)TSimd.Count;
        nuint i = 0;
        for (; i + (4 * c) <= width; i += 4 * c)
        {
            TVec a0 = TFold.Step<TSimd, TVec>(TSimd.Load(ref acc, i), TSimd.Load(ref x, i));
            TVec a1 = TFold.Step<TSimd, TVec>(TSimd.Load(ref acc, i + c), TSimd.Load(ref x, i + c));
            TVec a2 = TFold.Step<TSimd, TVec>(TSimd.Load(ref acc, i + (2 * c)), TSimd.Load(ref x, i + (2 * c)));
            TVec a3 = TFold.Step<TSimd, TVec>(TSimd.Load(ref acc, i + (3 * c)), TSimd.Load(ref x, i + (3 * c)));
            TSimd.Store(a0, ref acc, i);
            TSimd.Store(a1, ref acc, i + c);
            TSimd.Store(a2, ref acc, i + (2 * c));
            TSimd.Store(a3, ref acc, i + (3 * c));
        }

        for (; i < width; i += c)
        {
            TSimd.Store(TFold.Step<TSimd, TVec>(TSimd.Load(ref acc, i), TSimd.Load(ref x, i)), ref acc, i);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Fill<TSimd, TVec>(ref float destination, nuint width, TVec value)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        for (nuint i = 0; i < width; i += (nuint)TSimd.Count)
        {
            TSimd.Store(value, ref destination, i);
        }
    }
}
