using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace TorchJit.Kernels;

// var/std over the axis, Note [Two-pass variance]. Rows (inner == 1) use Moments.Row; columns fold each pass
// down the axis in the chunked order of Note [Axis column order], one vector of columns at a time.
public static partial class AxisReductions
{
    internal static void MomentAt(
        string kernel, ReadOnlySpan<float> x, int outer, int axis, int inner, double correction, bool takeSqrt, Span<float> dest,
        VectorWidth resolved)
    {
        Require(kernel, x, outer, axis, inner, dest);
        if (axis == 0)
        {
            dest.Fill(Moments.Finish(0.0, 0, correction, takeSqrt)); // 0 / max(-correction, 0): NaN for correction >= 0
            return;
        }

        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float dr = ref MemoryMarshal.GetReference(dest);
        if (inner == 1)
        {
            for (int o = 0; o < outer; o++)
            {
                Moments.Row(ref Unsafe.Add(ref xr, (nuint)o * (nuint)axis), axis, resolved, out double m2, out _);
                dest[o] = Moments.Finish(m2, axis, correction, takeSqrt);
            }

            return;
        }

        var finish = new MomentFinish(axis, correction, takeSqrt);
        switch (VectorWidths.FitLength(resolved, inner))
        {
            case VectorWidth.V512: MomentColumnsLoop<Simd512, Vector512<float>>(ref xr, ref dr, outer, axis, inner, finish); break;
            case VectorWidth.V256: MomentColumnsLoop<Simd256, Vector256<float>>(ref xr, ref dr, outer, axis, inner, finish); break;
            case VectorWidth.V128: MomentColumnsLoop<Simd128, Vector128<float>>(ref xr, ref dr, outer, axis, inner, finish); break;
            default:
                nuint stride = (nuint)inner;
                for (nuint o = 0; o < (nuint)outer; o++)
                {
                    ref float xo = ref Unsafe.Add(ref xr, o * (nuint)axis * stride);
                    for (nuint j = 0; j < stride; j++)
                    {
                        ref float col = ref Unsafe.Add(ref xo, j);
                        float mean = FoldColumn<SumFold>(ref col, axis, stride) / axis;
                        var (s1, s2) = DeviationColumn(ref col, axis, stride, mean);
                        Unsafe.Add(ref dr, (o * stride) + j) = finish.Apply(s1, s2);
                    }
                }

                break;
        }
    }

    private readonly record struct MomentFinish(int Axis, double Correction, bool TakeSqrt)
    {
        public float Apply(float s1, float s2) => Moments.Finish(Moments.SquaredDeviations(s1, s2, Axis), Axis, Correction, TakeSqrt);
    }

    // Requires inner >= TSimd.Count; the last vector overlaps and recomputes identical lanes.
    private static void MomentColumnsLoop<TSimd, TVec>(ref float x, ref float dest, int outer, int axis, int inner, MomentFinish finish)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        if (inner >= StreamMinInner)
        {
            MomentColumnsStreamed<TSimd, TVec>(ref x, ref dest, outer, axis, inner, finish);
            return;
        }

        nuint c = (nuint)TSimd.Count;
        nuint n = (nuint)inner;
        for (nuint o = 0; o < (nuint)outer; o++)
        {
            ref float xo = ref Unsafe.Add(ref x, o * (nuint)axis * n);
            for (nuint j = 0; j < n; j += c)
            {
                nuint at = j + c <= n ? j : n - c;
                MomentColumn<TSimd, TVec>(ref Unsafe.Add(ref xo, at), axis, n, ref Unsafe.Add(ref dest, (o * n) + at), finish);
            }
        }
    }

    /// <summary>var/std of one vector of adjacent columns, written to dest[0..C).</summary>
    private static void MomentColumn<TSimd, TVec>(ref float x, int axis, nuint stride, ref float dest, MomentFinish finish)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        Span<float> s1 = stackalloc float[MaxLanes];
        Span<float> s2 = stackalloc float[MaxLanes];
        TVec mean = TSimd.Divide(FoldColumn<SumFold, TSimd, TVec>(ref x, axis, stride), TSimd.Broadcast(axis));
        DeviationColumn<TSimd, TVec>(ref x, axis, stride, mean, s1, s2);
        for (int l = 0; l < TSimd.Count; l++)
        {
            Unsafe.Add(ref dest, l) = finish.Apply(s1[l], s2[l]);
        }
    }

    // Step 2 of Note [Two-pass variance] for one vector of columns, chunked as Note [Axis column order].
    private static void DeviationColumn<TSimd, TVec>(ref float x, int axis, nuint stride, TVec mean, Span<float> s1, Span<float> s2)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        TVec l = TSimd.Zero, q = TSimd.Zero;
        nuint offset = 0;
        for (int start = 0; start < axis; start += ColumnChunk)
        {
            int rows = Math.Min(ColumnChunk, axis - start);
            TVec lc = TSimd.Zero, qc = TSimd.Zero;
            for (int r = 0; r < rows; r++, offset += stride)
            {
                TVec d = TSimd.Subtract(TSimd.Load(ref x, offset), mean);
                qc = TSimd.FusedMultiplyAdd(d, d, qc);
                lc = TSimd.Add(lc, d);
            }

            l = TSimd.Add(l, lc);
            q = TSimd.Add(q, qc);
        }

        TSimd.Store(l, ref MemoryMarshal.GetReference(s1), 0);
        TSimd.Store(q, ref MemoryMarshal.GetReference(s2), 0);
    }

    private static (float S1, float S2) DeviationColumn(ref float x, int axis, nuint stride, float mean)
    {
        float l = 0f, q = 0f;
        nuint offset = 0;
        for (int start = 0; start < axis; start += ColumnChunk)
        {
            int rows = Math.Min(ColumnChunk, axis - start);
            float lc = 0f, qc = 0f;
            for (int r = 0; r < rows; r++, offset += stride)
            {
                float d = Unsafe.Add(ref x, offset) - mean;
                qc = MathF.FusedMultiplyAdd(d, d, qc);
                lc += d;
            }

            l += lc;
            q += qc;
        }

        return (l, q);
    }
}
