using System.Runtime.InteropServices;

namespace TorchJit.Kernels;

// Note [MatMul order]: c[i, j] = fma(a[i, k-1], b[k-1, j], ... fma(a[i, 0], b[0, j], +0)), k in increasing
// order, one rounding per step, at every width (the scalar loop uses MathF.FusedMultiplyAdd, which rounds
// the same way). MatMul is Sgemm with alpha = 1, beta = 0, no transposes, so this is Note [Sgemm order].
public static partial class Gemm
{
    internal static void MatMulAt(
        ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, VectorWidth resolved)
    {
        RequireSizes(m, k, n);
        RequireLength("MatMul", nameof(a), a.Length, "m * k", m, k);
        RequireLength("MatMul", nameof(b), b.Length, "k * n", k, n);
        RequireLength("MatMul", nameof(c), c.Length, "m * n", m, n);
        SgemmAt(
            transA: false, transB: false, m, n, k, 1f, a, Math.Max(1, k), b, Math.Max(1, n), 0f, c, Math.Max(1, n),
            resolved, Parallelism.IntraOpThreads);
    }
}
