namespace TorchJit.Kernels;

/// <summary>Dense matrix products over row-major contiguous float spans.</summary>
public static partial class Gemm
{
    /// <summary>
    /// dest[m, n] = sum_k x[m, k] * weight[n, k] (+ bias[n] if <paramref name="bias"/> is non-empty):
    /// PyTorch's <c>aten::linear</c>, y = x W^T + b. The per-output reduction order is in Note [Linear order];
    /// <paramref name="dest"/> must not overlap the inputs. Batches of 12 rows or more with 16 or more outputs
    /// run the packed <see cref="Sgemm(bool, bool, int, int, int, float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, float, Span{float}, int)"/>
    /// path and split across <see cref="Parallelism.IntraOpThreads"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A size is negative or a span length does not match m*k, n*k, n (or 0), m*n.</exception>
    public static void Linear(
        ReadOnlySpan<float> x, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, Span<float> dest,
        int m, int k, int n, VectorWidth width = VectorWidth.Best) =>
        LinearAt(x, weight, bias, dest, m, k, n, VectorWidths.Resolve(width));

    /// <summary>
    /// c[m, n] = a[m, k] @ b[k, n], row-major contiguous; <paramref name="c"/> must not overlap the inputs.
    /// Each c[i, j] is a chain of fused multiply-adds over k in increasing order starting from +0, so the
    /// result is bit-identical at every width (Note [MatMul order]). Runs
    /// <see cref="Sgemm(bool, bool, int, int, int, float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, float, Span{float}, int)"/>,
    /// split across <see cref="Parallelism.IntraOpThreads"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A size is negative or a span length does not match m*k, k*n, m*n.</exception>
    public static void MatMul(
        ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, VectorWidth width = VectorWidth.Best) =>
        MatMulAt(a, b, c, m, k, n, VectorWidths.Resolve(width));

    private static void RequireSizes(int m, int k, int n)
    {
        if (m < 0 || k < 0 || n < 0)
        {
            throw new ArgumentOutOfRangeException(null, $"matrix sizes must be non-negative: m = {m}, k = {k}, n = {n}");
        }
    }

    private static void RequireLength(string op, string name, int length, string formula, int rows, int cols)
    {
        if (length != (long)rows * cols)
        {
            throw new ArgumentException(
                $"{op}: {name} has {length} elements but {formula} = {rows} * {cols} = {(long)rows * cols}", name);
        }
    }
}
