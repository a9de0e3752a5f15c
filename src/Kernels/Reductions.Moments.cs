using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace TorchJit.Kernels;

/// <summary>
/// Mean and sum of squared deviations of a contiguous row, for var/std (last dimension), layer_norm and
/// group_norm.
/// </summary>
/// <remarks>
/// Note [Two-pass variance]: the corrected two-pass algorithm (Chan, Golub &amp; LeVeque, "Algorithms for
/// computing the sample variance: analysis and recommendations", The American Statistician 37(3), 1983, eq. 1.7):
/// <list type="number">
/// <item>mean = sum(x) / n in float, the sum in Note [Sum order] (rows) or Note [Axis column order] (columns),
/// so mean is bit-equal to <see cref="AxisReductions.Mean"/>.</item>
/// <item>With d = x - mean: S2 = sum d*d, each step one fused multiply-add, and S1 = sum d, in the same layout
/// as step 1 (a float accumulator per lane; the row tail masked as in Note [Sum order]).</item>
/// <item>m2 = S2 - S1*S1 / n in double, clamped at 0 (NaN stays NaN). The S1 term removes, to first order, the
/// error of the rounded mean, which otherwise dominates when |mean| is much larger than the spread.</item>
/// <item>For the normalizations, the mean is also returned as a float pair mean + meanLow with
/// meanLow = (float)(S1 / n): x - mean is exact when x is near the mean (Sterbenz), so (x - mean) - meanLow
/// is the deviation from the true mean to about one rounding, where x - mean alone would be off by the
/// rounding of the mean itself (up to half an ulp of |mean|, large next to a small spread).</item>
/// </list>
/// Two passes rather than Welford: no division per element, vectorizes like a sum, and the deviations are
/// formed from a mean that is already known.
/// </remarks>
internal static class Moments
{
    /// <summary>Returns the float mean of x[0..n) and sets <paramref name="m2"/> and <paramref name="meanLow"/> (step 4); n &gt;= 1.</summary>
    public static float Row(ref float x, int n, VectorWidth resolved, out double m2, out float meanLow)
    {
        float mean = Reductions.SumAt(MemoryMarshal.CreateReadOnlySpan(ref x, n), resolved) / n;
        float s1, s2;
        switch (VectorWidths.FitLength(resolved, n))
        {
            case VectorWidth.V512: DeviationsLoop<Simd512, Vector512<float>>(ref x, n, mean, out s1, out s2); break;
            case VectorWidth.V256: DeviationsLoop<Simd256, Vector256<float>>(ref x, n, mean, out s1, out s2); break;
            case VectorWidth.V128: DeviationsLoop<Simd128, Vector128<float>>(ref x, n, mean, out s1, out s2); break;
            default: DeviationsScalar(ref x, n, mean, out s1, out s2); break;
        }

        m2 = SquaredDeviations(s1, s2, n);
        meanLow = (float)((double)s1 / n);
        return mean;
    }

    /// <summary>Step 3 of Note [Two-pass variance].</summary>
    public static double SquaredDeviations(float s1, float s2, int n) => Math.Max((double)s2 - ((double)s1 * s1 / n), 0.0);

    /// <summary>m2 / max(n - correction, 0), optionally square-rooted, rounded once to float (PyTorch's WelfordOps::project).</summary>
    public static float Finish(double m2, int n, double correction, bool takeSqrt)
    {
        double divisor = Math.Max(n - correction, 0.0);
        double variance = m2 / divisor;
        return (float)(takeSqrt ? Math.Sqrt(variance) : variance);
    }

    // Requires n >= TSimd.Count. The layout of Note [Sum order], steps 1-4, applied to d*d (FMA) and d.
    private static void DeviationsLoop<TSimd, TVec>(ref float x, int n, float mean, out float s1, out float s2)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        nuint c = (nuint)TSimd.Count;
        nuint end = (nuint)n;
        TVec m = TSimd.Broadcast(mean);
        TVec q0 = TSimd.Zero, q1 = TSimd.Zero, q2 = TSimd.Zero, q3 = TSimd.Zero;
        TVec l0 = TSimd.Zero, l1 = TSimd.Zero, l2 = TSimd.Zero, l3 = TSimd.Zero;
        nuint i = 0;
        for (; i + (4 * c) <= end; i += 4 * c)
        {
            TVec d0 = TSimd.Subtract(TSimd.Load(ref x, i), m);
            TVec d1 = TSimd.Subtract(TSimd.Load(ref x, i + c), m);
            TVec d2 = TSimd.Subtract(TSimd.Load(ref x, i + (2 * c)), m);
            TVec d3 = TSimd.Subtract(TSimd.Load(ref x, i + (3 * c)), m);
            q0 = TSimd.FusedMultiplyAdd(d0, d0, q0);
            q1 = TSimd.FusedMultiplyAdd(d1, d1, q1);
            q2 = TSimd.FusedMultiplyAdd(d2, d2, q2);
            q3 = TSimd.FusedMultiplyAdd(d3, d3, q3);
            l0 = TSimd.Add(l0, d0);
            l1 = TSimd.Add(l1, d1);
            l2 = TSimd.Add(l2, d2);
            l3 = TSimd.Add(l3, d3);
        }

        if (i + c <= end)
        {
            TVec d = TSimd.Subtract(TSimd.Load(ref x, i), m);
            q0 = TSimd.FusedMultiplyAdd(d, d, q0);
            l0 = TSimd.Add(l0, d);
            i += c;
            if (i + c <= end)
            {
                d = TSimd.Subtract(TSimd.Load(ref x, i), m);
                q1 = TSimd.FusedMultiplyAdd(d, d, q1);
                l1 = TSimd.Add(l1, d);
                i += c;
                if (i + c <= end)
                {
                    d = TSimd.Subtract(TSimd.Load(ref x, i), m);
                    q2 = TSimd.FusedMultiplyAdd(d, d, q2);
                    l2 = TSimd.Add(l2, d);
                    i += c;
                }
            }
        }

        if (i < end)
        {
            int first = TSimd.Count - (int)(end - i);
            TVec d = TSimd.Subtract(TSimd.Load(ref x, end - c), m);
            q3 = TSimd.SelectFromLane(first, TSimd.FusedMultiplyAdd(d, d, q3), q3);
            l3 = TSimd.SelectFromLane(first, TSimd.Add(l3, d), l3);
        }

        s2 = TSimd.SumLanes(TSimd.Add(TSimd.Add(q0, q1), TSimd.Add(q2, q3)));
        s1 = TSimd.SumLanes(TSimd.Add(TSimd.Add(l0, l1), TSimd.Add(l2, l3)));
    }

    // The scalar order of Note [Sum order] (four accumulators, leftovers into the first three).
    private static void DeviationsScalar(ref float x, int n, float mean, out float s1, out float s2)
    {
        Span<float> q = stackalloc float[4];
        Span<float> l = stackalloc float[4];
        int i = 0;
        for (; i + 4 <= n; i += 4)
        {
            for (int k = 0; k < 4; k++)
            {
                float d = Unsafe.Add(ref x, i + k) - mean;
                q[k] = MathF.FusedMultiplyAdd(d, d, q[k]);
                l[k] += d;
            }
        }

        for (int k = 0; i < n; i++, k++)
        {
            float d = Unsafe.Add(ref x, i) - mean;
            q[k] = MathF.FusedMultiplyAdd(d, d, q[k]);
            l[k] += d;
        }

        s2 = (q[0] + q[1]) + (q[2] + q[3]);
        s1 = (l[0] + l[1]) + (l[2] + l[3]);
    }
}
