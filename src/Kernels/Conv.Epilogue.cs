using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace TorchJit.Kernels;

// The GEMM-based paths finish with one pass per output row: + bias[row], then ReLU if fused.
public static partial class Conv
{
    private static void EpilogueInPlace(Span<float> rows, int cols, int rowCount, ReadOnlySpan<float> bias, bool relu, VectorWidth resolved)
    {
        if (!bias.IsEmpty || relu)
        {
            Epilogue(rows, cols, rows, cols, rowCount, cols, bias, relu, resolved);
        }
    }

    /// <summary>
    /// dst[r, j] = f(src[r, j] + bias[r]) for r &lt; rowCount, j &lt; cols, rows <paramref name="srcStride"/> and
    /// <paramref name="dstStride"/> apart; f is ReLU or the identity; an empty bias counts as 0. src may be dst itself.
    /// </summary>
    private static void Epilogue(
        ReadOnlySpan<float> src, int srcStride, Span<float> dst, int dstStride, int rowCount, int cols,
        ReadOnlySpan<float> bias, bool relu, VectorWidth resolved)
    {
        if (rowCount == 0 || cols == 0)
        {
            return;
        }

        // The last row's end bounds every access, so the ref arithmetic below stays inside both spans.
        _ = src[((rowCount - 1) * srcStride) + cols - 1];
        _ = dst[((rowCount - 1) * dstStride) + cols - 1];
        ref float s = ref MemoryMarshal.GetReference(src);
        ref float d = ref MemoryMarshal.GetReference(dst);
        VectorWidth width = VectorWidths.FitLength(resolved, cols);
        for (int r = 0; r < rowCount; r++)
        {
            float b = bias.IsEmpty ? 0f : bias[r];
            ref float sr = ref Unsafe.Add(ref s, (nint)r * srcStride);
            ref float dr = ref Unsafe.Add(ref d, (nint)r * dstStride);
            switch (width)
            {
                case VectorWidth.V512: EpilogueRow<Simd512, Vector512<float>>(ref sr, ref dr, cols, b, relu); break;
                case VectorWidth.V256: EpilogueRow<Simd256, Vector256<float>>(ref sr, ref dr, cols, b, relu); break;
                case VectorWidth.V128: EpilogueRow<Simd128, Vector128<float>>(ref sr, ref dr, cols, b, relu); break;
                default:
                    for (int j = 0; j < cols; j++)
                    {
                        float v = Unsafe.Add(ref sr, j) + b;
                        Unsafe.Add(ref dr, j) = relu ? ReluOperator.Invoke(v) : v;
                    }

                    break;
            }
        }
    }

    // Requires cols >= TSimd.Count. The overlapping last vector is computed before the loop, as in Note
    // [Elementwise tails], so an in-place call does not add the bias twice to the overlap.
    private static void EpilogueRow<TSimd, TVec>(ref float src, ref float dst, int cols, float bias, bool relu)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        nuint c = (nuint)TSimd.Count;
        nuint end = (nuint)cols;
        nuint last = end - c;
        TVec b = TSimd.Broadcast(bias);
        TVec tail = Activate<TSimd, TVec>(TSimd.Add(TSimd.Load(ref src, last), b), relu);
        for (nuint j = 0; j + c <= end; j += c)
        {
            TSimd.Store(Activate<TSimd, TVec>(TSimd.Add(TSimd.Load(ref src, j), b), relu), ref dst, j);
        }

        TSimd.Store(tail, ref dst, last);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Activate<TSimd, TVec>(TVec v, bool relu)
        where TSimd : ISimd<TVec>
        where TVec : struct =>
        relu ? TSimd.Unary<ReluOperator>(v) : v;
}
