using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TorchJit.Kernels;

// max(dim)/min(dim) with indices over wide columns, with the schedule of Note [Streamed columns]: the running
// values live in the values output and the positions (int32 bits) in a stack tile, and rows are streamed in
// memory order from row 1. Every column sees its elements in the same order with the same rule as
// ArgColumn, so the results are identical.
public static partial class AxisReductions
{
    // Requires inner >= TSimd.Count.
    private static void ArgColumnsStreamed<TRule, TSimd, TVec>(ref float x, ref float values, ref long indices, int outer, int axis, int inner)
        where TRule : IArgRule
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        Span<float> tile = stackalloc float[StreamTile];
        ref float positions = ref MemoryMarshal.GetReference(tile);
        nuint c = (nuint)TSimd.Count;
        nuint n = (nuint)inner;
        nuint whole = n - (n % c);
        for (nuint o = 0; o < (nuint)outer; o++)
        {
            ref float xo = ref Unsafe.Add(ref x, o * (nuint)axis * n);
            for (nuint j0 = 0; j0 < whole; j0 += StreamTile)
            {
                nuint width = Math.Min(StreamTile, whole - j0);
                nuint at = (o * n) + j0;
                ref float best = ref Unsafe.Add(ref values, at);
                for (nuint i = 0; i < width; i += c)
                {
                    TSimd.Store(TSimd.Load(ref xo, j0 + i), ref best, i);
                    TSimd.Store(TSimd.Zero, ref positions, i);
                }

                nuint row = j0 + n;
                for (int a = 1; a < axis; a++, row += n)
                {
                    ref float xr = ref Unsafe.Add(ref xo, row);
                    TVec position = PositionBits<TSimd, TVec>(a);
                    for (nuint i = 0; i < width; i += c)
                    {
                        TVec v = TSimd.Load(ref best, i), p = TSimd.Load(ref positions, i);
                        ArgStep<TRule, TSimd, TVec>(ref v, ref p, TSimd.Load(ref xr, i), position);
                        TSimd.Store(v, ref best, i);
                        TSimd.Store(p, ref positions, i);
                    }
                }

                for (nuint j = 0; j < width; j++)
                {
                    Unsafe.Add(ref indices, at + j) = BitConverter.SingleToInt32Bits(Unsafe.Add(ref positions, j));
                }
            }

            if (whole < n)
            {
                ArgColumn<TRule, TSimd, TVec>(ref Unsafe.Add(ref xo, n - c), axis, n, ref values, ref indices, (o * n) + n - c);
            }
        }
    }
}
