using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace TorchJit.Kernels;

// inner > 1: one vector of adjacent columns walks down the axis three times (max, exp-and-sum, scale), each
// lane on its own in the chunked order of Note [Axis column order], so results are bit-identical across
// widths. The last vector overlaps the previous one and recomputes its lanes from x, writing the same bits.
public static partial class Softmax
{
    private static void Columns<TOut>(ReadOnlySpan<float> x, int outer, int axis, int inner, Span<float> dest, VectorWidth resolved)
        where TOut : IOutput
    {
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float dr = ref MemoryMarshal.GetReference(dest);
        switch (VectorWidths.FitLength(resolved, inner))
        {
            case VectorWidth.V512: ColumnsLoop<TOut, Simd512, Vector512<float>>(ref xr, ref dr, outer, axis, inner); break;
            case VectorWidth.V256: ColumnsLoop<TOut, Simd256, Vector256<float>>(ref xr, ref dr, outer, axis, inner); break;
            case VectorWidth.V128: ColumnsLoop<TOut, Simd128, Vector128<float>>(ref xr, ref dr, outer, axis, inner); break;
            default:
                nuint stride = (nuint)inner;
                for (nuint o = 0; o < (nuint)outer; o++)
                {
                    nuint plane = o * (nuint)axis * stride;
                    for (nuint j = 0; j < stride; j++)
                    {
                        ColumnScalar<TOut>(ref Unsafe.Add(ref xr, plane + j), ref Unsafe.Add(ref dr, plane + j), axis, stride);
                    }
                }

                break;
        }
    }

    // Requires inner >= TSimd.Count.
    private static void ColumnsLoop<TOut, TSimd, TVec>(ref float x, ref float d, int outer, int axis, int inner)
        where TOut : IOutput
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        if (inner >= AxisReductions.StreamMinInner)
        {
            ColumnsStreamed<TOut, TSimd, TVec>(ref x, ref d, outer, axis, inner);
            return;
        }

        nuint c = (nuint)TSimd.Count;
        nuint n = (nuint)inner;
        for (nuint o = 0; o < (nuint)outer; o++)
        {
            nuint plane = o * (nuint)axis * n;
            for (nuint j = 0; j < n; j += c)
            {
                nuint at = plane + (j + c <= n ? j : n - c);
                Column<TOut, TSimd, TVec>(ref Unsafe.Add(ref x, at), ref Unsafe.Add(ref d, at), axis, n);
            }
        }
    }

    private static void Column<TOut, TSimd, TVec>(ref float x, ref float d, int axis, nuint stride)
        where TOut : IOutput
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        TVec m = AxisReductions.FoldColumn<MaxFold, TSimd, TVec>(ref x, axis, stride);
        TVec sum = TSimd.Zero;
        nuint offset = 0;
        for (int start = 0; start < axis; start += AxisReductions.ColumnChunk)
        {
            int rows = Math.Min(AxisReductions.ColumnChunk, axis - start);
            TVec chunk = TSimd.Zero;
            for (int r = 0; r < rows; r++, offset += stride)
            {
                chunk = TSimd.Add(chunk, ExpShifted<TOut, TSimd, TVec>(ref x, ref d, offset, m));
            }

            sum = TSimd.Add(sum, chunk);
        }

        if (TOut.IsLog)
        {
            // One log per lane in double, as the scalar path does; there are far fewer columns than elements.
            Span<float> lanes = stackalloc float[AxisReductions.MaxLanes];
            ref float lr = ref MemoryMarshal.GetReference(lanes);
            TSimd.Store(sum, ref lr, 0);
            for (int l = 0; l < TSimd.Count; l++)
            {
                lanes[l] = (float)Math.Log(lanes[l]);
            }

            TVec shift = TSimd.Load(ref lr, 0);
            offset = 0;
            for (int a = 0; a < axis; a++, offset += stride)
            {
                TSimd.Store(TSimd.Subtract(TSimd.Subtract(TSimd.Load(ref x, offset), m), shift), ref d, offset);
            }
        }
        else
        {
            TVec scale = TSimd.Divide(TSimd.Broadcast(1f), sum);
            offset = 0;
            for (int a = 0; a < axis; a++, offset += stride)
            {
                TSimd.Store(TSimd.Multiply(TSimd.Load(ref d, offset), scale), ref d, offset);
            }
        }
    }

    private static void ColumnScalar<TOut>(ref float x, ref float d, int axis, nuint stride)
        where TOut : IOutput
    {
        float max = AxisReductions.FoldColumn<MaxFold>(ref x, axis, stride);
        float sum = 0f;
        nuint offset = 0;
        for (int start = 0; start < axis; start += AxisReductions.ColumnChunk)
        {
            int rows = Math.Min(AxisReductions.ColumnChunk, axis - start);
            float chunk = 0f;
            for (int r = 0; r < rows; r++, offset += stride)
            {
                chunk += ExpShifted<TOut>(ref x, ref d, offset, max);
            }

            sum += chunk;
        }

        Finish<TOut>(ref x, ref d, axis, stride, max, sum);
    }
}
