using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace TorchJit.Kernels;

/// <summary>Reductions over contiguous float spans, with a fixed, documented floating-point order.</summary>
public static class Reductions
{
    /// <summary>Sum of all elements; +0 for an empty span.</summary>
    /// <remarks>
    /// Note [Sum order]: at a vector width with C lanes (used when x.Length &gt;= C; shorter inputs use the next
    /// narrower width that fits, and fewer than 4 elements use C = 1, i.e. the scalar order below):
    /// <list type="number">
    /// <item>Four vector accumulators a0..a3 start at +0. Each block of 4C elements adds its vectors v0..v3
    /// lane-wise into a0..a3, blocks in index order.</item>
    /// <item>The 0..3 whole vectors left after the last block go into a0, a1, a2 in that order.</item>
    /// <item>The final x.Length mod C elements are added into a3 with one vector that ends at the last element;
    /// lanes already counted keep a3's old value (masked with the identity, no double counting).</item>
    /// <item>Combine pairwise: (a0 + a1) + (a2 + a3).</item>
    /// <item>Horizontal sum by halving: upper half + lower half down to 4 lanes, then (l0 + l2) + (l1 + l3).</item>
    /// </list>
    /// The scalar order (C = 1) is the same with float accumulators: s_j += x[4b + j], leftovers into s0, s1,
    /// s2, then (s0 + s1) + (s2 + s3). The result is therefore reproducible for a given length and width,
    /// but differs between widths by rounding.
    /// </remarks>
    public static float Sum(ReadOnlySpan<float> x, VectorWidth width = VectorWidth.Best) =>
        SumAt(x, VectorWidths.Resolve(width));

    internal static float SumAt(ReadOnlySpan<float> x, VectorWidth resolved)
    {
        ref float xr = ref MemoryMarshal.GetReference(x);
        int n = x.Length;
        return VectorWidths.FitLength(resolved, n) switch
        {
            VectorWidth.V512 => SumLoop<Simd512, Vector512<float>>(ref xr, n),
            VectorWidth.V256 => SumLoop<Simd256, Vector256<float>>(ref xr, n),
            VectorWidth.V128 => SumLoop<Simd128, Vector128<float>>(ref xr, n),
            _ => SumScalar(ref xr, n),
        };
    }

    // Requires n >= TSimd.Count. Steps numbered as in Note [Sum order].
    private static float SumLoop<TSimd, TVec>(ref float x, int n)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        nuint c = (nuint)TSimd.Count;
        nuint end = (nuint)n;
        TVec a0 = TSimd.Zero, a1 = TSimd.Zero, a2 = TSimd.Zero, a3 = TSimd.Zero;

        // 1. Four independent chains hide the add latency.
        nuint i = 0;
        for (; i + (4 * c) <= end; i += 4 * c)
        {
            a0 = TSimd.Add(a0, TSimd.Load(ref x, i));
            a1 = TSimd.Add(a1, TSimd.Load(ref x, i + c));
            a2 = TSimd.Add(a2, TSimd.Load(ref x, i + (2 * c)));
            a3 = TSimd.Add(a3, TSimd.Load(ref x, i + (3 * c)));
        }

        // 2.
        if (i + c <= end)
        {
            a0 = TSimd.Add(a0, TSimd.Load(ref x, i));
            i += c;
            if (i + c <= end)
            {
                a1 = TSimd.Add(a1, TSimd.Load(ref x, i));
                i += c;
                if (i + c <= end)
                {
                    a2 = TSimd.Add(a2, TSimd.Load(ref x, i));
                    i += c;
                }
            }
        }

        // 3. Lanes [0, C - remaining) of the overlapping vector were counted in step 1 or 2.
        if (i < end)
        {
            int remaining = (int)(end - i);
            a3 = TSimd.SelectFromLane(TSimd.Count - remaining, TSimd.Add(a3, TSimd.Load(ref x, end - c)), a3);
        }

        // 4, 5.
        return TSimd.SumLanes(TSimd.Add(TSimd.Add(a0, a1), TSimd.Add(a2, a3)));
    }

    private static float SumScalar(ref float x, int n)
    {
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
        int i = 0;
        for (; i + 4 <= n; i += 4)
        {
            s0 += Unsafe.Add(ref x, i);
            s1 += Unsafe.Add(ref x, i + 1);
            s2 += Unsafe.Add(ref x, i + 2);
            s3 += Unsafe.Add(ref x, i + 3);
        }

        if (i < n)
        {
            s0 += Unsafe.Add(ref x, i++);
        }

        if (i < n)
        {
            s1 += Unsafe.Add(ref x, i++);
        }

        if (i < n)
        {
            s2 += Unsafe.Add(ref x, i);
        }

        return (s0 + s1) + (s2 + s3);
    }
}
