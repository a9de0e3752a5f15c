using System.Runtime.CompilerServices;

namespace TorchJit.Kernels;

// Note [Linear dot order]: the small-batch Linear path (Note [Linear order]) computes every dest[i, j] the
// same way, whatever tile it falls in. At a vector width with C lanes (used when k >= C; smaller k uses the
// next narrower width that fits, and k < 4 uses the scalar order):
//   1. one C-lane accumulator starts at +0; for each whole chunk x[i, kk..kk+C) in increasing kk it becomes
//      fma(x chunk, w chunk, acc) lane-wise (one rounding per step);
//   2. if C does not divide k, one more fma with the chunk that ends at k, keeping the old accumulator in the
//      lanes a whole chunk already covered (masking the product instead would turn 0 * inf into NaN);
//   3. horizontal sum by halving: upper + lower half down to 4 lanes, then (l0 + l2) + (l1 + l3);
//   4. + bias[j], a separate rounding, when a bias is given.
// Scalar order: acc = +0; acc = MathF.FusedMultiplyAdd(x[i, kk], w[j, kk], acc) for kk = 0..k-1; + bias[j].
// Tiles (2 rows of x by 4 rows of W, sharing each load) exist for speed: 8 independent FMA chains hide the
// FMA latency; they do not change any output's order.
public static partial class Gemm
{
    private readonly ref struct LinearArgs(
        ref float x, ref float weight, ref float bias, ref float dest, int m, int k, int n, bool hasBias)
    {
        public readonly ref float X = ref x;
        public readonly ref float W = ref weight;
        public readonly ref float Bias = ref bias;
        public readonly ref float Dest = ref dest;
        public readonly int M = m;
        public readonly int K = k;
        public readonly int N = n;
        public readonly bool HasBias = hasBias;
    }

    private static void LinearLoop<TSimd, TVec>(in LinearArgs p)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        int m = p.M, k = p.K, n = p.N;
        int i = 0;
        for (; i + 2 <= m; i += 2)
        {
            ref float x0 = ref Unsafe.Add(ref p.X, (nint)i * k);
            ref float x1 = ref Unsafe.Add(ref x0, k);
            ref float d0 = ref Unsafe.Add(ref p.Dest, (nint)i * n);
            ref float d1 = ref Unsafe.Add(ref d0, n);
            int j = 0;
            for (; j + 4 <= n; j += 4)
            {
                Dot2x4<TSimd, TVec>(ref x0, ref x1, ref Unsafe.Add(ref p.W, (nint)j * k), k, ref Unsafe.Add(ref d0, j), ref Unsafe.Add(ref d1, j));
                AddBias(in p, ref Unsafe.Add(ref d0, j), j, 4);
                AddBias(in p, ref Unsafe.Add(ref d1, j), j, 4);
            }

            for (; j < n; j++)
            {
                ref float w = ref Unsafe.Add(ref p.W, (nint)j * k);
                Unsafe.Add(ref d0, j) = Dot1x1<TSimd, TVec>(ref x0, ref w, k);
                Unsafe.Add(ref d1, j) = Dot1x1<TSimd, TVec>(ref x1, ref w, k);
                AddBias(in p, ref Unsafe.Add(ref d0, j), j, 1);
                AddBias(in p, ref Unsafe.Add(ref d1, j), j, 1);
            }
        }

        if (i < m)
        {
            ref float x0 = ref Unsafe.Add(ref p.X, (nint)i * k);
            ref float d0 = ref Unsafe.Add(ref p.Dest, (nint)i * n);
            int j = 0;
            for (; j + 4 <= n; j += 4)
            {
                Dot1x4<TSimd, TVec>(ref x0, ref Unsafe.Add(ref p.W, (nint)j * k), k, ref Unsafe.Add(ref d0, j));
                AddBias(in p, ref Unsafe.Add(ref d0, j), j, 4);
            }

            for (; j < n; j++)
            {
                Unsafe.Add(ref d0, j) = Dot1x1<TSimd, TVec>(ref x0, ref Unsafe.Add(ref p.W, (nint)j * k), k);
                AddBias(in p, ref Unsafe.Add(ref d0, j), j, 1);
            }
        }
    }

    private static void LinearScalar(in LinearArgs p)
    {
        int m = p.M, k = p.K, n = p.N;
        for (int i = 0; i < m; i++)
        {
            ref float xi = ref Unsafe.Add(ref p.X, (nint)i * k);
            ref float di = ref Unsafe.Add(ref p.Dest, (nint)i * n);
            for (int j = 0; j < n; j++)
            {
                ref float wj = ref Unsafe.Add(ref p.W, (nint)j * k);
                float acc = 0f;
                for (int kk = 0; kk < k; kk++)
                {
                    acc = MathF.FusedMultiplyAdd(Unsafe.Add(ref xi, kk), Unsafe.Add(ref wj, kk), acc);
                }

                Unsafe.Add(ref di, j) = acc;
                AddBias(in p, ref Unsafe.Add(ref di, j), j, 1);
            }
        }
    }

    // Step 4 of Note [Linear order], for `count` consecutive outputs starting at column j.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddBias(in LinearArgs p, ref float dest, int j, int count)
    {
        if (p.HasBias)
        {
            for (int q = 0; q < count; q++)
            {
                Unsafe.Add(ref dest, q) += Unsafe.Add(ref p.Bias, j + q);
            }
        }
    }

    // Two rows of x against four consecutive rows of W (row stride k); requires k >= C.
    private static void Dot2x4<TSimd, TVec>(ref float x0, ref float x1, ref float w, int k, ref float d0, ref float d1)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        nuint c = (nuint)TSimd.Count;
        nuint end = (nuint)k;
        ref float w0 = ref w;
        ref float w1 = ref Unsafe.Add(ref w, k);
        ref float w2 = ref Unsafe.Add(ref w, 2 * k);
        ref float w3 = ref Unsafe.Add(ref w, 3 * k);
        TVec a00 = TSimd.Zero, a01 = TSimd.Zero, a02 = TSimd.Zero, a03 = TSimd.Zero;
        TVec a10 = TSimd.Zero, a11 = TSimd.Zero, a12 = TSimd.Zero, a13 = TSimd.Zero;

        nuint kk = 0;
        for (; kk + c <= end; kk += c)
        {
            TVec xv0 = TSimd.Load(ref x0, kk);
            TVec xv1 = TSimd.Load(ref x1, kk);
            TVec wv = TSimd.Load(ref w0, kk);
            a00 = TSimd.FusedMultiplyAdd(xv0, wv, a00);
            a10 = TSimd.FusedMultiplyAdd(xv1, wv, a10);
            wv = TSimd.Load(ref w1, kk);
            a01 = TSimd.FusedMultiplyAdd(xv0, wv, a01);
            a11 = TSimd.FusedMultiplyAdd(xv1, wv, a11);
            wv = TSimd.Load(ref w2, kk);
            a02 = TSimd.FusedMultiplyAdd(xv0, wv, a02);
            a12 = TSimd.FusedMultiplyAdd(xv1, wv, a12);
            wv = TSimd.Load(ref w3, kk);
            a03 = TSimd.FusedMultiplyAdd(xv0, wv, a03);
            a13 = TSimd.FusedMultiplyAdd(xv1, wv, a13);
        }

        if (kk < end)
        {
            int first = TSimd.Count - (int)(end - kk);
            kk = end - c;
            TVec xv0 = TSimd.Load(ref x0, kk);
            TVec xv1 = TSimd.Load(ref x1, kk);
            TVec wv = TSimd.Load(ref w0, kk);
            a00 = TSimd.SelectFromLane(first, TSimd.FusedMultiplyAdd(xv0, wv, a00), a00);
            a10 = TSimd.SelectFromLane(first, TSimd.FusedMultiplyAdd(xv1, wv, a10), a10);
            wv = TSimd.Load(ref w1, kk);
            a01 = TSimd.SelectFromLane(first, TSimd.FusedMultiplyAdd(xv0, wv, a01), a01);
            a11 = TSimd.SelectFromLane(first, TSimd.FusedMultiplyAdd(xv1, wv, a11), a11);
            wv = TSimd.Load(ref w2, kk);
            a02 = TSimd.SelectFromLane(first, TSimd.FusedMultiplyAdd(xv0, wv, a02), a02);
            a12 = TSimd.SelectFromLane(first, TSimd.FusedMultiplyAdd(xv1, wv, a12), a12);
            wv = TSimd.Load(ref w3, kk);
            a03 = TSimd.SelectFromLane(first, TSimd.FusedMultiplyAdd(xv0, wv, a03), a03);
            a13 = TSimd.SelectFromLane(first, TSimd.FusedMultiplyAdd(xv1, wv, a13), a13);
        }

        d0 = TSimd.SumLanes(a00);
        Unsafe.Add(ref d0, 1) = TSimd.SumLanes(a01);
        Unsafe.Add(ref d0, 2) = TSimd.SumLanes(a02);
        Unsafe.Add(ref d0, 3) = TSimd.SumLanes(a03);
        d1 = TSimd.SumLanes(a10);
        Unsafe.Add(ref d1, 1) = TSimd.SumLanes(a11);
        Unsafe.Add(ref d1, 2) = TSimd.SumLanes(a12);
        Unsafe.Add(ref d1, 3) = TSimd.SumLanes(a13);
    }

    // One row of x against four consecutive rows of W; requires k >= C.
    private static void Dot1x4<TSimd, TVec>(ref float x0, ref float w, int k, ref float d0)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        nuint c = (nuint)TSimd.Count;
        nuint end = (nuint)k;
        ref float w0 = ref w;
        ref float w1 = ref Unsafe.Add(ref w, k);
        ref float w2 = ref Unsafe.Add(ref w, 2 * k);
        ref float w3 = ref Unsafe.Add(ref w, 3 * k);
        TVec a0 = TSimd.Zero, a1 = TSimd.Zero, a2 = TSimd.Zero, a3 = TSimd.Zero;

        nuint kk = 0;
        for (; kk + c <= end; kk += c)
        {
            TVec xv = TSimd.Load(ref x0, kk);
            a0 = TSimd.FusedMultiplyAdd(xv, TSimd.Load(ref w0, kk), a0);
            a1 = TSimd.FusedMultiplyAdd(xv, TSimd.Load(ref w1, kk), a1);
            a2 = TSimd.FusedMultiplyAdd(xv, TSimd.Load(ref w2, kk), a2);
            a3 = TSimd.FusedMultiplyAdd(xv, TSimd.Load(ref w3, kk), a3);
        }

        if (kk < end)
        {
            int first = TSimd.Count - (int)(end - kk);
            kk = end - c;
            TVec xv = TSimd.Load(ref x0, kk);
            a0 = TSimd.SelectFromLane(first, TSimd.FusedMultiplyAdd(xv, TSimd.Load(ref w0, kk), a0), a0);
            a1 = TSimd.SelectFromLane(first, TSimd.FusedMultiplyAdd(xv, TSimd.Load(ref w1, kk), a1), a1);
            a2 = TSimd.SelectFromLane(first, TSimd.FusedMultiplyAdd(xv, TSimd.Load(ref w2, kk), a2), a2);
            a3 = TSimd.SelectFromLane(first, TSimd.FusedMultiplyAdd(xv, TSimd.Load(ref w3, kk), a3), a3);
        }

        d0 = TSimd.SumLanes(a0);
        Unsafe.Add(ref d0, 1) = TSimd.SumLanes(a1);
        Unsafe.Add(ref d0, 2) = TSimd.SumLanes(a2);
        Unsafe.Add(ref d0, 3) = TSimd.SumLanes(a3);
    }

    // One dot product; requires k >= C.
    private static float Dot1x1<TSimd, TVec>(ref float x0, ref float w0, int k)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        nuint c = (nuint)TSimd.Count;
        nuint end = (nuint)k;
        TVec a = TSimd.Zero;
        nuint kk = 0;
        for (; kk + c <= end; kk += c)
        {
            a = TSimd.FusedMultiplyAdd(TSimd.Load(ref x0, kk), TSimd.Load(ref w0, kk), a);
        }

        if (kk < end)
        {
            int first = TSimd.Count - (int)(end - kk);
            kk = end - c;
            a = TSimd.SelectFromLane(first, TSimd.FusedMultiplyAdd(TSimd.Load(ref x0, kk), TSimd.Load(ref w0, kk), a), a);
        }

        return TSimd.SumLanes(a);
    }
}
