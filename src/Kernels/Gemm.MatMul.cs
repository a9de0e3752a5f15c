using System.Runtime.CompilerServices;

namespace TorchJit.Kernels;

// Note [MatMul order]: c[i, j] = fma(a[i, k-1], b[k-1, j], ... fma(a[i, 0], b[0, j], +0)), k in increasing
// order, one rounding per step, at every width (the scalar loop uses MathF.FusedMultiplyAdd, which rounds
// the same way). Vector code keeps a block of c in registers: for each k it broadcasts a[i, k] and does a
// lane-wise fma with a row segment of b (the i-k-j order with the j loop vectorized, and the k loop moved
// inside so c is written once). Column tails recompute a vector that ends at column n, overlapping the
// previous block; the recomputed lanes get the same bits, so the overlap is harmless (c is never read).
// n < C uses the next narrower width that fits; n < 4 the scalar loop. Tiles of 2 rows by 4 vectors give
// 8 independent FMA chains and share each b load between the two rows.
public static partial class Gemm
{
    private static void MatMulLoop<TSimd, TVec>(ref float a, ref float b, ref float c, int m, int k, int n)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        int i = 0;
        for (; i + 2 <= m; i += 2)
        {
            ref float a0 = ref Unsafe.Add(ref a, (nint)i * k);
            ref float c0 = ref Unsafe.Add(ref c, (nint)i * n);
            RowPair<TSimd, TVec>(ref a0, ref Unsafe.Add(ref a0, k), ref b, ref c0, ref Unsafe.Add(ref c0, n), k, n);
        }

        if (i < m)
        {
            SingleRow<TSimd, TVec>(ref Unsafe.Add(ref a, (nint)i * k), ref b, ref Unsafe.Add(ref c, (nint)i * n), k, n);
        }
    }

    private static void RowPair<TSimd, TVec>(ref float a0, ref float a1, ref float b, ref float c0, ref float c1, int k, int n)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        nuint vc = (nuint)TSimd.Count;
        nuint end = (nuint)n;
        nuint stride = (nuint)n;
        nuint j = 0;
        for (; j + (4 * vc) <= end; j += 4 * vc)
        {
            TVec r00 = TSimd.Zero, r01 = TSimd.Zero, r02 = TSimd.Zero, r03 = TSimd.Zero;
            TVec r10 = TSimd.Zero, r11 = TSimd.Zero, r12 = TSimd.Zero, r13 = TSimd.Zero;
            ref float bj = ref Unsafe.Add(ref b, j);
            for (int kk = 0; kk < k; kk++)
            {
                TVec av0 = TSimd.Broadcast(Unsafe.Add(ref a0, kk));
                TVec av1 = TSimd.Broadcast(Unsafe.Add(ref a1, kk));
                ref float row = ref Unsafe.Add(ref bj, (nuint)kk * stride);
                TVec bv = TSimd.Load(ref row, 0);
                r00 = TSimd.FusedMultiplyAdd(av0, bv, r00);
                r10 = TSimd.FusedMultiplyAdd(av1, bv, r10);
                bv = TSimd.Load(ref row, vc);
                r01 = TSimd.FusedMultiplyAdd(av0, bv, r01);
                r11 = TSimd.FusedMultiplyAdd(av1, bv, r11);
                bv = TSimd.Load(ref row, 2 * vc);
                r02 = TSimd.FusedMultiplyAdd(av0, bv, r02);
                r12 = TSimd.FusedMultiplyAdd(av1, bv, r12);
                bv = TSimd.Load(ref row, 3 * vc);
                r03 = TSimd.FusedMultiplyAdd(av0, bv, r03);
                r13 = TSimd.FusedMultiplyAdd(av1, bv, r13);
            }

            TSimd.Store(r00, ref c0, j);
            TSimd.Store(r01, ref c0, j + vc);
            TSimd.Store(r02, ref c0, j + (2 * vc));
            TSimd.Store(r03, ref c0, j + (3 * vc));
            TSimd.Store(r10, ref c1, j);
            TSimd.Store(r11, ref c1, j + vc);
            TSimd.Store(r12, ref c1, j + (2 * vc));
            TSimd.Store(r13, ref c1, j + (3 * vc));
        }

        for (; j < end; j += vc)
        {
            // Last block overlaps the previous one instead of running past column n.
            nuint jj = j + vc <= end ? j : end - vc;
            TVec r0 = TSimd.Zero, r1 = TSimd.Zero;
            ref float bj = ref Unsafe.Add(ref b, jj);
            for (int kk = 0; kk < k; kk++)
            {
                TVec bv = TSimd.Load(ref bj, (nuint)kk * stride);
                r0 = TSimd.FusedMultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref a0, kk)), bv, r0);
                r1 = TSimd.FusedMultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref a1, kk)), bv, r1);
            }

            TSimd.Store(r0, ref c0, jj);
            TSimd.Store(r1, ref c1, jj);
        }
    }

    private static void SingleRow<TSimd, TVec>(ref float a0, ref float b, ref float c0, int k, int n)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        nuint vc = (nuint)TSimd.Count;
        nuint end = (nuint)n;
        nuint stride = (nuint)n;
        nuint j = 0;
        for (; j + (4 * vc) <= end; j += 4 * vc)
        {
            TVec r0 = TSimd.Zero, r1 = TSimd.Zero, r2 = TSimd.Zero, r3 = TSimd.Zero;
            ref float bj = ref Unsafe.Add(ref b, j);
            for (int kk = 0; kk < k; kk++)
            {
                TVec av = TSimd.Broadcast(Unsafe.Add(ref a0, kk));
                ref float row = ref Unsafe.Add(ref bj, (nuint)kk * stride);
                r0 = TSimd.FusedMultiplyAdd(av, TSimd.Load(ref row, 0), r0);
                r1 = TSimd.FusedMultiplyAdd(av, TSimd.Load(ref row, vc), r1);
                r2 = TSimd.FusedMultiplyAdd(av, TSimd.Load(ref row, 2 * vc), r2);
                r3 = TSimd.FusedMultiplyAdd(av, TSimd.Load(ref row, 3 * vc), r3);
            }

            TSimd.Store(r0, ref c0, j);
            TSimd.Store(r1, ref c0, j + vc);
            TSimd.Store(r2, ref c0, j + (2 * vc));
            TSimd.Store(r3, ref c0, j + (3 * vc));
        }

        for (; j < end; j += vc)
        {
            nuint jj = j + vc <= end ? j : end - vc;
            TVec r = TSimd.Zero;
            ref float bj = ref Unsafe.Add(ref b, jj);
            for (int kk = 0; kk < k; kk++)
            {
                r = TSimd.FusedMultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref a0, kk)), TSimd.Load(ref bj, (nuint)kk * stride), r);
            }

            TSimd.Store(r, ref c0, jj);
        }
    }

    private static void MatMulScalar(ref float a, ref float b, ref float c, int m, int k, int n)
    {
        for (int i = 0; i < m; i++)
        {
            ref float ai = ref Unsafe.Add(ref a, (nint)i * k);
            for (int j = 0; j < n; j++)
            {
                float acc = 0f;
                for (int kk = 0; kk < k; kk++)
                {
                    acc = MathF.FusedMultiplyAdd(Unsafe.Add(ref ai, kk), Unsafe.Add(ref b, ((nint)kk * n) + j), acc);
                }

                Unsafe.Add(ref c, ((nint)i * n) + j) = acc;
            }
        }
    }
}
