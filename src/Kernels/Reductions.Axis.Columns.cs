using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace TorchJit.Kernels;

// Note [Axis column order]: when inner > 1, output (o, i) folds the column x[o, 0.., i] on its own, and every
// width (scalar included) uses the same per-column order, so these results are bit-identical across widths:
//   chunk_k = Step(...Step(Step(Identity, x[32k]), x[32k + 1])..., x[min(32k + 31, axis - 1)])
//   result  = Step(...Step(Step(Identity, chunk_0), chunk_1)..., chunk_last)
// For a sum this is a two-level cascade: an error bound of about (32 + axis / 32) * eps * sum|x| instead of
// axis * eps * sum|x| for one running sum, at the cost of one extra add per 32 rows. Max and min are exact,
// so the chunking does not change them. Vectors cover adjacent columns: blocks of 4 vectors (independent
// chains hide the add latency; each row contributes 4C contiguous floats), then single vectors, then one
// vector ending at the last column that overlaps the previous one and recomputes those lanes identically.
// Widths narrower than the resolved one are used when inner is shorter than a vector; inner < 4 is scalar.
public static partial class AxisReductions
{
    /// <summary>Rows per chunk in Note [Axis column order].</summary>
    internal const int ColumnChunk = 32;

    private static void FoldColumns<TFold>(ReadOnlySpan<float> x, int outer, int axis, int inner, Span<float> dest, VectorWidth resolved)
        where TFold : IAxisFold
    {
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float dr = ref MemoryMarshal.GetReference(dest);
        switch (VectorWidths.FitLength(resolved, inner))
        {
            case VectorWidth.V512: FoldColumnsLoop<TFold, Simd512, Vector512<float>>(ref xr, ref dr, outer, axis, inner); break;
            case VectorWidth.V256: FoldColumnsLoop<TFold, Simd256, Vector256<float>>(ref xr, ref dr, outer, axis, inner); break;
            case VectorWidth.V128: FoldColumnsLoop<TFold, Simd128, Vector128<float>>(ref xr, ref dr, outer, axis, inner); break;
            default:
                for (int o = 0; o < outer; o++)
                {
                    ref float xo = ref Unsafe.Add(ref xr, (nuint)o * (nuint)axis * (nuint)inner);
                    for (int i = 0; i < inner; i++)
                    {
                        Unsafe.Add(ref dr, (nuint)o * (nuint)inner + (nuint)i) =
                            FoldColumn<TFold>(ref Unsafe.Add(ref xo, i), axis, (nuint)inner);
                    }
                }

                break;
        }
    }

    // Requires inner >= TSimd.Count.
    private static void FoldColumnsLoop<TFold, TSimd, TVec>(ref float x, ref float dest, int outer, int axis, int inner)
        where TFold : IAxisFold
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        if (inner >= StreamMinInner)
        {
            FoldColumnsStreamed<TFold, TSimd, TVec>(ref x, ref dest, outer, axis, inner);
            return;
        }

        nuint c = (nuint)TSimd.Count;
        nuint n = (nuint)inner;
        for (nuint o = 0; o < (nuint)outer; o++)
        {
            ref float xo = ref Unsafe.Add(ref x, o * (nuint)axis * n);
            ref float d = ref Unsafe.Add(ref dest, o * n);
            nuint j = 0;
            for (; j + (4 * c) <= n; j += 4 * c)
            {
                FoldColumnBlock4<TFold, TSimd, TVec>(ref Unsafe.Add(ref xo, j), ref Unsafe.Add(ref d, j), axis, n);
            }

            for (; j + c <= n; j += c)
            {
                TSimd.Store(FoldColumn<TFold, TSimd, TVec>(ref Unsafe.Add(ref xo, j), axis, n), ref d, j);
            }

            if (j < n)
            {
                TSimd.Store(FoldColumn<TFold, TSimd, TVec>(ref Unsafe.Add(ref xo, n - c), axis, n), ref d, n - c);
            }
        }
    }

    private static void FoldColumnBlock4<TFold, TSimd, TVec>(ref float x, ref float dest, int axis, nuint stride)
        where TFold : IAxisFold
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        nuint c = (nuint)TSimd.Count;
        TVec identity = TSimd.Broadcast(TFold.Identity);
        TVec t0 = identity, t1 = identity, t2 = identity, t3 = identity;
        nuint offset = 0;
        for (int start = 0; start < axis; start += ColumnChunk)
        {
            int rows = Math.Min(ColumnChunk, axis - start);
            TVec a0 = identity, a1 = identity, a2 = identity, a3 = identity;
            for (int r = 0; r < rows; r++, offset += stride)
            {
                a0 = TFold.Step<TSimd, TVec>(a0, TSimd.Load(ref x, offset));
                a1 = TFold.Step<TSimd, TVec>(a1, TSimd.Load(ref x, offset + c));
                a2 = TFold.Step<TSimd, TVec>(a2, TSimd.Load(ref x, offset + (2 * c)));
                a3 = TFold.Step<TSimd, TVec>(a3, TSimd.Load(ref x, offset + (3 * c)));
            }

            t0 = TFold.Step<TSimd, TVec>(t0, a0);
            t1 = TFold.Step<TSimd, TVec>(t1, a1);
            t2 = TFold.Step<TSimd, TVec>(t2, a2);
            t3 = TFold.Step<TSimd, TVec>(t3, a3);
        }

        TSimd.Store(t0, ref dest, 0);
        TSimd.Store(t1, ref dest, c);
        TSimd.Store(t2, ref dest, 2 * c);
        TSimd.Store(t3, ref dest, 3 * c);
    }

    /// <summary>One vector of adjacent columns starting at <paramref name="x"/>, folded in Note [Axis column order].</summary>
    internal static TVec FoldColumn<TFold, TSimd, TVec>(ref float x, int axis, nuint stride)
        where TFold : IAxisFold
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        TVec identity = TSimd.Broadcast(TFold.Identity);
        TVec total = identity;
        nuint offset = 0;
        for (int start = 0; start < axis; start += ColumnChunk)
        {
            int rows = Math.Min(ColumnChunk, axis - start);
            TVec chunk = identity;
            for (int r = 0; r < rows; r++, offset += stride)
            {
                chunk = TFold.Step<TSimd, TVec>(chunk, TSimd.Load(ref x, offset));
            }

            total = TFold.Step<TSimd, TVec>(total, chunk);
        }

        return total;
    }

    /// <summary>The scalar form of <see cref="FoldColumn{TFold, TSimd, TVec}"/>: one column.</summary>
    internal static float FoldColumn<TFold>(ref float x, int axis, nuint stride)
        where TFold : IAxisFold
    {
        float total = TFold.Identity;
        nuint offset = 0;
        for (int start = 0; start < axis; start += ColumnChunk)
        {
            int rows = Math.Min(ColumnChunk, axis - start);
            float chunk = TFold.Identity;
            for (int r = 0; r < rows; r++, offset += stride)
            {
                chunk = TFold.Step(chunk, Unsafe.Add(ref x, offset));
            }

            total = TFold.Step(total, chunk);
        }

        return total;
    }
}
