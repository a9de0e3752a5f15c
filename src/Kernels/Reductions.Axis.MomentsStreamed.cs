using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TorchJit.Kernels;

// var/std over wide columns with the schedule of Note [Streamed columns]: the column sums land in dest and
// become the means in place, then the rows are streamed once more accumulating S1 and S2 per column in stack
// tiles, and each tile's results overwrite its means. Same values in the same order per column as
// MomentColumnsLoop, so the same bits.
public static partial class AxisReductions
{
    /// <summary>Columns per tile here: four stack tiles (chunk and total of S1 and S2), 8 KiB in all.</summary>
    private const int MomentTile = 512;

    // Requires inner >= TSimd.Count.
    private static void MomentColumnsStreamed<TSimd, TVec>(ref float x, ref float dest, int outer, int axis, int inner, MomentFinish finish)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        Span<float> tiles = stackalloc float[4 * MomentTile];
        ref float chunk1 = ref MemoryMarshal.GetReference(tiles);
        ref float chunk2 = ref Unsafe.Add(ref chunk1, MomentTile);
        ref float total1 = ref Unsafe.Add(ref chunk1, 2 * MomentTile);
        ref float total2 = ref Unsafe.Add(ref chunk1, 3 * MomentTile);
        nuint c = (nuint)TSimd.Count;
        nuint n = (nuint)inner;
        nuint whole = n - (n % c);
        float count = axis;
        for (nuint o = 0; o < (nuint)outer; o++)
        {
            ref float xo = ref Unsafe.Add(ref x, o * (nuint)axis * n);
            ref float d = ref Unsafe.Add(ref dest, o * n);
            FoldColumnsStreamed<SumFold, TSimd, TVec>(ref xo, ref d, 1, axis, inner);
            for (nuint j = 0; j < n; j++)
            {
                Unsafe.Add(ref d, j) /= count; // the mean, exactly as Mean computes it
            }

            for (nuint j0 = 0; j0 < whole; j0 += MomentTile)
            {
                nuint width = Math.Min(MomentTile, whole - j0);
                ref float mean = ref Unsafe.Add(ref d, j0);
                Fill<TSimd, TVec>(ref total1, width, TSimd.Zero);
                Fill<TSimd, TVec>(ref total2, width, TSimd.Zero);
                nuint row = j0;
                for (int start = 0; start < axis; start += ColumnChunk)
                {
                    int rows = Math.Min(ColumnChunk, axis - start);
                    Fill<TSimd, TVec>(ref chunk1, width, TSimd.Zero);
                    Fill<TSimd, TVec>(ref chunk2, width, TSimd.Zero);
                    // Two rows per sweep halve the tile traffic; each column still steps through its rows in order.
                    int r = 0;
                    for (; r + 2 <= rows; r += 2, row += 2 * n)
                    {
                        ref float x0 = ref Unsafe.Add(ref xo, row);
                        ref float x1 = ref Unsafe.Add(ref x0, n);
                        for (nuint i = 0; i < width; i += c)
                        {
                            TVec m = TSimd.Load(ref mean, i);
                            TVec d0 = TSimd.Subtract(TSimd.Load(ref x0, i), m);
                            TVec d1 = TSimd.Subtract(TSimd.Load(ref x1, i), m);
                            TVec q = TSimd.FusedMultiplyAdd(d0, d0, TSimd.Load(ref chunk2, i));
                            TSimd.Store(TSimd.FusedMultiplyAdd(d1, d1, q), ref chunk2, i);
                            TSimd.Store(TSimd.Add(TSimd.Add(TSimd.Load(ref chunk1, i), d0), d1), ref chunk1, i);
                        }
                    }

                    for (; r < rows; r++, row += n)
                    {
                        ref float xr = ref Unsafe.Add(ref xo, row);
                        for (nuint i = 0; i < width; i += c)
                        {
                            TVec dv = TSimd.Subtract(TSimd.Load(ref xr, i), TSimd.Load(ref mean, i));
                            TSimd.Store(TSimd.FusedMultiplyAdd(dv, dv, TSimd.Load(ref chunk2, i)), ref chunk2, i);
                            TSimd.Store(TSimd.Add(TSimd.Load(ref chunk1, i), dv), ref chunk1, i);
                        }
                    }

                    StepTile<SumFold, TSimd, TVec>(ref total1, ref chunk1, width);
                    StepTile<SumFold, TSimd, TVec>(ref total2, ref chunk2, width);
                }

                for (nuint j = 0; j < width; j++)
                {
                    Unsafe.Add(ref mean, j) = finish.Apply(Unsafe.Add(ref total1, j), Unsafe.Add(ref total2, j));
                }
            }

            if (whole < n)
            {
                // Recomputes its own mean from x; the lanes it shares with the last tile get the same bits.
                MomentColumn<TSimd, TVec>(ref Unsafe.Add(ref xo, n - c), axis, n, ref Unsafe.Add(ref d, n - c), finish);
            }
        }
    }
}
