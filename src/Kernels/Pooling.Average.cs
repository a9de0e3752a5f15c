using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace TorchJit.Kernels;

// Note [Average pool divisor]: PyTorch (cpu_avg_pool2d) clips a window first to the padded input, giving
// pool_size, then to the input, giving the real count; the divisor is pool_size with count_include_pad,
// else the real count. Both are (rows) * (columns), so the kernel keeps one divisor per output row and one
// per output column and divides by their product (exact: small integers). A window with no real input sums
// to 0 and PyTorch writes 0; its factor here is +inf, so 0 / inf = 0 without a branch.
public static partial class Pooling
{
    private static float RowDivisor(in PoolWindow win, int oy, bool countIncludePad) =>
        Divisor(oy * win.SH, win.PH, win.KH, win.H, countIncludePad);

    private static void ColumnDivisors(in PoolWindow win, bool countIncludePad, Span<float> divisors)
    {
        for (int ox = 0; ox < divisors.Length; ox++)
        {
            divisors[ox] = Divisor(ox * win.SW, win.PW, win.KW, win.W, countIncludePad);
        }
    }

    private static float Divisor(int start, int pad, int kernel, int size, bool countIncludePad)
    {
        int lo = start - pad;
        int hi = Math.Min(lo + kernel, size + pad);
        int real = Math.Min(hi, size) - Math.Max(lo, 0);
        if (real <= 0)
        {
            return float.PositiveInfinity;
        }

        return countIncludePad ? hi - lo : real;
    }

    /// <summary>values[j] /= rowDivisor * columnDivisors[j], in place; <paramref name="fitted"/> fits values.Length.</summary>
    private static void Divide(Span<float> values, float rowDivisor, ReadOnlySpan<float> columnDivisors, VectorWidth fitted)
    {
        ref float v = ref MemoryMarshal.GetReference(values);
        ref float d = ref MemoryMarshal.GetReference(columnDivisors);
        int n = values.Length;
        switch (fitted)
        {
            case VectorWidth.V512: DivideLoop<Simd512, Vector512<float>>(ref v, rowDivisor, ref d, n); break;
            case VectorWidth.V256: DivideLoop<Simd256, Vector256<float>>(ref v, rowDivisor, ref d, n); break;
            case VectorWidth.V128: DivideLoop<Simd128, Vector128<float>>(ref v, rowDivisor, ref d, n); break;
            default:
                for (int j = 0; j < n; j++)
                {
                    values[j] /= rowDivisor * columnDivisors[j];
                }

                break;
        }
    }

    // Requires n >= TSimd.Count. In place, so the overlapping last vector is computed before the loop.
    private static void DivideLoop<TSimd, TVec>(ref float values, float rowDivisor, ref float columnDivisors, int n)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        nuint c = (nuint)TSimd.Count;
        nuint last = (nuint)n - c;
        TVec row = TSimd.Broadcast(rowDivisor);
        TVec tail = TSimd.Divide(TSimd.Load(ref values, last), TSimd.Multiply(row, TSimd.Load(ref columnDivisors, last)));
        for (nuint j = 0; j + c <= (nuint)n; j += c)
        {
            TSimd.Store(TSimd.Divide(TSimd.Load(ref values, j), TSimd.Multiply(row, TSimd.Load(ref columnDivisors, j))), ref values, j);
        }

        TSimd.Store(tail, ref values, last);
    }
}
