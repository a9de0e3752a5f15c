using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace TorchJit.Kernels;

/// <summary>Dense matrix products over row-major contiguous float spans.</summary>
public static partial class Gemm
{
    /// <summary>
    /// dest[m, n] = sum_k x[m, k] * weight[n, k] (+ bias[n] if <paramref name="bias"/> is non-empty):
    /// PyTorch's <c>aten::linear</c>, y = x W^T + b. The per-output reduction order is in Note [Linear order];
    /// <paramref name="dest"/> must not overlap the inputs.
    /// </summary>
    /// <exception cref="ArgumentException">A size is negative or a span length does not match m*k, n*k, n (or 0), m*n.</exception>
    public static void Linear(
        ReadOnlySpan<float> x, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, Span<float> dest,
        int m, int k, int n, VectorWidth width = VectorWidth.Best) =>
        LinearAt(x, weight, bias, dest, m, k, n, VectorWidths.Resolve(width));

    /// <summary>
    /// c[m, n] = a[m, k] @ b[k, n], row-major contiguous; <paramref name="c"/> must not overlap the inputs.
    /// Each c[i, j] is a chain of fused multiply-adds over k in increasing order starting from +0, so the
    /// result is bit-identical at every width (Note [MatMul order]).
    /// </summary>
    /// <exception cref="ArgumentException">A size is negative or a span length does not match m*k, k*n, m*n.</exception>
    public static void MatMul(
        ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, VectorWidth width = VectorWidth.Best) =>
        MatMulAt(a, b, c, m, k, n, VectorWidths.Resolve(width));

    internal static void LinearAt(
        ReadOnlySpan<float> x, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, Span<float> dest,
        int m, int k, int n, VectorWidth resolved)
    {
        RequireSizes(m, k, n);
        RequireLength("Linear", nameof(x), x.Length, "m * k", m, k);
        RequireLength("Linear", nameof(weight), weight.Length, "n * k", n, k);
        if (bias.Length != 0 && bias.Length != n)
        {
            throw new ArgumentException($"Linear: bias has {bias.Length} elements but must be empty or have n = {n}", nameof(bias));
        }

        RequireLength("Linear", nameof(dest), dest.Length, "m * n", m, n);
        if (m == 0 || n == 0)
        {
            return;
        }

        var args = new LinearArgs(
            ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(weight), ref MemoryMarshal.GetReference(bias),
            ref MemoryMarshal.GetReference(dest), m, k, n, hasBias: bias.Length != 0);
        switch (VectorWidths.FitLength(resolved, k))
        {
            case VectorWidth.V512: LinearLoop<Simd512, Vector512<float>>(in args); break;
            case VectorWidth.V256: LinearLoop<Simd256, Vector256<float>>(in args); break;
            case VectorWidth.V128: LinearLoop<Simd128, Vector128<float>>(in args); break;
            default: LinearScalar(in args); break;
        }
    }

    internal static void MatMulAt(
        ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, VectorWidth resolved)
    {
        RequireSizes(m, k, n);
        RequireLength("MatMul", nameof(a), a.Length, "m * k", m, k);
        RequireLength("MatMul", nameof(b), b.Length, "k * n", k, n);
        RequireLength("MatMul", nameof(c), c.Length, "m * n", m, n);
        if (m == 0 || n == 0)
        {
            return;
        }

        ref float ar = ref MemoryMarshal.GetReference(a);
        ref float br = ref MemoryMarshal.GetReference(b);
        ref float cr = ref MemoryMarshal.GetReference(c);
        switch (VectorWidths.FitLength(resolved, n))
        {
            case VectorWidth.V512: MatMulLoop<Simd512, Vector512<float>>(ref ar, ref br, ref cr, m, k, n); break;
            case VectorWidth.V256: MatMulLoop<Simd256, Vector256<float>>(ref ar, ref br, ref cr, m, k, n); break;
            case VectorWidth.V128: MatMulLoop<Simd128, Vector128<float>>(ref ar, ref br, ref cr, m, k, n); break;
            default: MatMulScalar(ref ar, ref br, ref cr, m, k, n); break;
        }
    }

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
