using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TorchJit.Kernels;

// softmax over wide columns (inner >= AxisReductions.StreamMinInner, e.g. the channel dimension of NCHW)
// with the schedule of Note [Streamed columns]: per tile of columns, the rows are streamed in memory order
// three times (max, exp-and-sum, scale) against stack tiles holding each column's max, chunk sum and total.
// Max is exact and the sums take the chunked order of Note [Axis column order], so the bits equal Column's.
public static partial class Softmax
{
    /// <summary>Columns per tile: three stack tiles (max, chunk, total), 6 KiB in all.</summary>
    private const int StreamTile = 512;

    // Requires inner >= TSimd.Count.
    private static void ColumnsStreamed<TOut, TSimd, TVec>(ref float x, ref float d, int outer, int axis, int inner)
        where TOut : IOutput
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        Span<float> tiles = stackalloc float[3 * StreamTile];
        ref float max = ref MemoryMarshal.GetReference(tiles);
        ref float chunk = ref Unsafe.Add(ref max, StreamTile);
        ref float total = ref Unsafe.Add(ref max, 2 * StreamTile);
        nuint c = (nuint)TSimd.Count;
        nuint n = (nuint)inner;
        nuint whole = n - (n % c);
        for (nuint o = 0; o < (nuint)outer; o++)
        {
            nuint plane = o * (nuint)axis * n;
            for (nuint j0 = 0; j0 < whole; j0 += StreamTile)
            {
                nuint width = Math.Min(StreamTile, whole - j0);
                ref float x0 = ref Unsafe.Add(ref x, plane + j0);
                ref float d0 = ref Unsafe.Add(ref d, plane + j0);
                FillTile<TSimd, TVec>(ref max, width, float.NegativeInfinity);
                for (nuint a = 0, row = 0; a < (nuint)axis; a++, row += n)
                {
                    ref float xr = ref Unsafe.Add(ref x0, row);
                    for (nuint i = 0; i < width; i += c)
                    {
                        TSimd.Store(TSimd.MaxPropagateNaN(TSimd.Load(ref max, i), TSimd.Load(ref xr, i)), ref max, i);
                    }
                }

                FillTile<TSimd, TVec>(ref total, width, 0f);
                nuint offset = 0;
                for (int start = 0; start < axis; start += AxisReductions.ColumnChunk)
                {
                    int rows = Math.Min(AxisReductions.ColumnChunk, axis - start);
                    FillTile<TSimd, TVec>(ref chunk, width, 0f);
                    for (int r = 0; r < rows; r++, offset += n)
                    {
                        ref float xr = ref Unsafe.Add(ref x0, offset);
                        ref float dr = ref Unsafe.Add(ref d0, offset);
                        for (nuint i = 0; i < width; i += c)
                        {
                            TVec e = TSimd.Unary<ExpOperator>(TSimd.Subtract(TSimd.Load(ref xr, i), TSimd.Load(ref max, i)));
                            if (!TOut.IsLog)
                            {
                                TSimd.Store(e, ref dr, i);
                            }

                            TSimd.Store(TSimd.Add(TSimd.Load(ref chunk, i), e), ref chunk, i);
                        }
                    }

                    for (nuint i = 0; i < width; i += c)
                    {
                        TSimd.Store(TSimd.Add(TSimd.Load(ref total, i), TSimd.Load(ref chunk, i)), ref total, i);
                    }
                }

                // total becomes the per-column shift (log) or scale, computed as Column and Finish do.
                for (nuint j = 0; j < width; j++)
                {
                    ref float t = ref Unsafe.Add(ref total, j);
                    t = TOut.IsLog ? (float)Math.Log(t) : 1f / t;
                }

                for (nuint a = 0, row = 0; a < (nuint)axis; a++, row += n)
                {
                    ref float xr = ref Unsafe.Add(ref x0, row);
                    ref float dr = ref Unsafe.Add(ref d0, row);
                    for (nuint i = 0; i < width; i += c)
                    {
                        TVec y = TOut.IsLog
                            ? TSimd.Subtract(TSimd.Subtract(TSimd.Load(ref xr, i), TSimd.Load(ref max, i)), TSimd.Load(ref total, i))
                            : TSimd.Multiply(TSimd.Load(ref dr, i), TSimd.Load(ref total, i));
                        TSimd.Store(y, ref dr, i);
                    }
                }
            }

            if (whole < n)
            {
                // Recomputes its lanes from x; those shared with the last tile get the same bits.
                nuint at = plane + n - c;
                Column<TOut, TSimd, TVec>(ref Unsafe.Add(ref x, at), ref Unsafe.Add(ref d, at), axis, n);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FillTile<TSimd, TVec>(ref float destination, nuint width, float value)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        TVec v = TSimd.Broadcast(value);
        for (nuint i = 0; i < width; i += (nuint)TSimd.Count)
        {
            TSimd.Store(v, ref destination, i);
        }
    }
}
