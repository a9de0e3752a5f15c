using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace TorchJit.Kernels;

// Note [Pooling rows then columns]: a window is a kH x kW grid of taps, so its max (or sum) is the max over
// its columns of the max over its rows. For each output row the kernel first combines the input rows the
// window touches into one row buffer, lane-wise over the whole width (vector loads, no gathers), then
// combines kW taps of that buffer per output. The buffer carries pW identity elements (-inf for max, 0 for
// sum) on the left and enough on the right for the last window, so the column step has no bounds checks.
// Horizontal stride 1 reads shifted vectors of the buffer; stride 2 first splits it into its even and odd
// elements (ISimd.UnzipEvenOdd), after which every tap is again a contiguous vector; other strides run a
// scalar loop. Windows that lie entirely in the padding see only identity elements.
public static partial class Pooling
{
    private interface IPoolOperator
    {
        static abstract float Identity { get; }

        static abstract float Invoke(float x, float y);

        static abstract TVec Invoke<TSimd, TVec>(TVec x, TVec y)
            where TSimd : ISimd<TVec>
            where TVec : struct;
    }

    /// <summary>NaN-propagating max, as PyTorch's <c>val &gt; maxval || isnan(val)</c>.</summary>
    private readonly struct MaxOp : IPoolOperator
    {
        public static float Identity => float.NegativeInfinity;

        public static float Invoke(float x, float y) => Simd128.MaxScalar(x, y);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TVec Invoke<TSimd, TVec>(TVec x, TVec y)
            where TSimd : ISimd<TVec>
            where TVec : struct => TSimd.MaxKeepNaN(x, y);
    }

    private readonly struct SumOp : IPoolOperator
    {
        public static float Identity => 0f;

        public static float Invoke(float x, float y) => x + y;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TVec Invoke<TSimd, TVec>(TVec x, TVec y)
            where TSimd : ISimd<TVec>
            where TVec : struct => TSimd.Add(x, y);
    }

    /// <summary>A checked pooling geometry plus the padded row length of Note [Pooling rows then columns].</summary>
    private readonly struct PoolWindow
    {
        public readonly int N, C, H, W, KH, KW, SH, SW, PH, PW, DH, DW, OutH, OutW;

        /// <summary>Row buffer length: pW + W, or up to the last tap of the last window; even for the unzip.</summary>
        public readonly int PaddedLength;

        private PoolWindow(int n, int c, int h, int w, int kH, int kW, int sH, int sW, int pH, int pW, int dH, int dW, int outH, int outW)
        {
            (N, C, H, W, KH, KW, SH, SW, PH, PW, DH, DW, OutH, OutW) = (n, c, h, w, kH, kW, sH, sW, pH, pW, dH, dW, outH, outW);
            int lastTap = ((outW - 1) * sW) + ((kW - 1) * dW);
            int length = Math.Max(pW + w, lastTap + 1);
            PaddedLength = length + (length & 1);
        }

        /// <summary>PyTorch's pool2d_shape_check plus pooling_output_shape.</summary>
        public static PoolWindow Create(
            string op, int n, int c, int h, int w, int kH, int kW, int sH, int sW, int pH, int pW, int dH, int dW, bool ceilMode)
        {
            ConvShape.RequireAtLeast(op, "batch", n, 0);
            ConvShape.RequireAtLeast(op, "channels", c, 1);
            ConvShape.RequireAtLeast(op, "input height", h, 1);
            ConvShape.RequireAtLeast(op, "input width", w, 1);
            ConvShape.RequireAtLeast(op, "kernel height", kH, 1);
            ConvShape.RequireAtLeast(op, "kernel width", kW, 1);
            if (pH > kH / 2 || pW > kW / 2)
            {
                throw new ArgumentException(
                    $"{op}: pad should be smaller than or equal to half of kernel size, but got padH = {pH}, padW = {pW}, kH = {kH}, kW = {kW}");
            }

            int outH = OutputSize(h, kH, sH, pH, dH, ceilMode);
            int outW = OutputSize(w, kW, sW, pW, dW, ceilMode);
            if (outH < 1 || outW < 1)
            {
                throw new ArgumentException(
                    $"{op}: given input size ({c} x {h} x {w}), the calculated output size ({c} x {outH} x {outW}) is too small " +
                    $"(kernel {kH} x {kW}, stride {sH} x {sW}, padding {pH} x {pW}, dilation {dH} x {dW}, ceil_mode {ceilMode})");
            }

            return new PoolWindow(n, c, h, w, kH, kW, sH, sW, pH, pW, dH, dW, outH, outW);
        }
    }

    private static void PoolPlanes<TOp>(
        ReadOnlySpan<float> x, Span<float> y, in PoolWindow win, bool averaging, bool countIncludePad, VectorWidth resolved)
        where TOp : IPoolOperator
    {
        if (win.N == 0)
        {
            return;
        }

        // Scratch: the padded row, its even and odd halves, and (averaging) each output column's divisor.
        int padded = win.PaddedLength, half = padded / 2;
        float[] scratch = ConvScratch.Get((long)padded + padded + win.OutW);
        Span<float> row = scratch.AsSpan(0, padded);
        Span<float> even = scratch.AsSpan(padded, half);
        Span<float> odd = scratch.AsSpan(padded + half, half);
        Span<float> columnDivisors = scratch.AsSpan(2 * padded, win.OutW);

        // Only [pW, pW + W) is ever rewritten, so the identity padding is written once.
        row.Fill(TOp.Identity);
        if (averaging)
        {
            ColumnDivisors(in win, countIncludePad, columnDivisors);
        }

        // Widths fitted once per call, not per row.
        var widths = new PoolWidths(
            VectorWidths.FitLength(resolved, win.W),
            win.SW <= 2 ? VectorWidths.FitLength(resolved, win.OutW) : VectorWidth.Scalar,
            VectorWidths.FitLength(resolved, half),
            VectorWidths.FitLength(resolved, win.OutW));
        int inPlane = win.H * win.W, outPlane = win.OutH * win.OutW;
        long planes = (long)win.N * win.C;
        for (long p = 0; p < planes; p++)
        {
            ReadOnlySpan<float> xPlane = x.Slice((int)(p * inPlane), inPlane);
            Span<float> yPlane = y.Slice((int)(p * outPlane), outPlane);
            for (int oy = 0; oy < win.OutH; oy++)
            {
                // Input rows of this window: iy = oy sH - pH + kh dH for kh in [first, end) inside [0, H).
                int iy0 = (oy * win.SH) - win.PH;
                int first = iy0 >= 0 ? 0 : (-iy0 + win.DH - 1) / win.DH;
                int end = (int)Math.Min(win.KH, FloorDiv(win.H - 1 - iy0, win.DH) + 1);
                Span<float> outRow = yPlane.Slice(oy * win.OutW, win.OutW);
                Span<float> data = row.Slice(win.PW, win.W);
                if (first >= end)
                {
                    data.Fill(TOp.Identity);
                }
                else
                {
                    CombineRows<TOp>(xPlane[((iy0 + (first * win.DH)) * win.W)..], win.DH * win.W, end - first, data, widths.Rows);
                }

                CombineColumns<TOp>(row, even, odd, outRow, in win, in widths);
                if (averaging)
                {
                    Divide(outRow, RowDivisor(in win, oy, countIncludePad), columnDivisors, widths.Outputs);
                }
            }
        }
    }

    /// <summary>
    /// Vector widths of one pooling call, each already fitted to its length: input rows, the column step
    /// (Scalar for strides above 2), the even/odd split, and output rows.
    /// </summary>
    private readonly record struct PoolWidths(VectorWidth Rows, VectorWidth Columns, VectorWidth Unzip, VectorWidth Outputs);

    /// <summary>dst[j] = op over r &lt; count of src[r * stride + j]; requires count &gt;= 1; <paramref name="fitted"/> fits dst.Length.</summary>
    private static void CombineRows<TOp>(ReadOnlySpan<float> src, int stride, int count, Span<float> dst, VectorWidth fitted)
        where TOp : IPoolOperator
    {
        int w = dst.Length;
        _ = src[((count - 1) * stride) + w - 1]; // bounds the ref arithmetic below
        ref float s = ref MemoryMarshal.GetReference(src);
        ref float d = ref MemoryMarshal.GetReference(dst);
        switch (fitted)
        {
            case VectorWidth.V512: CombineRowsLoop<TOp, Simd512, Vector512<float>>(ref s, stride, count, ref d, w); break;
            case VectorWidth.V256: CombineRowsLoop<TOp, Simd256, Vector256<float>>(ref s, stride, count, ref d, w); break;
            case VectorWidth.V128: CombineRowsLoop<TOp, Simd128, Vector128<float>>(ref s, stride, count, ref d, w); break;
            default:
                for (int j = 0; j < w; j++)
                {
                    float v = Unsafe.Add(ref s, j);
                    for (int r = 1; r < count; r++)
                    {
                        v = TOp.Invoke(v, Unsafe.Add(ref s, (r * stride) + j));
                    }

                    Unsafe.Add(ref d, j) = v;
                }

                break;
        }
    }

    // Requires w >= TSimd.Count; each vector is a pure function of the inputs, so the last may overlap.
    private static void CombineRowsLoop<TOp, TSimd, TVec>(ref float src, int stride, int count, ref float dst, int w)
        where TOp : IPoolOperator
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        nuint c = (nuint)TSimd.Count;
        for (nuint j = 0; j < (nuint)w; j += c)
        {
            nuint at = Math.Min(j, (nuint)w - c);
            ref float column = ref Unsafe.Add(ref src, at);
            TVec v = TSimd.Load(ref column, 0);
            for (int r = 1; r < count; r++)
            {
                v = TOp.Invoke<TSimd, TVec>(v, TSimd.Load(ref column, (nuint)r * (nuint)stride));
            }

            TSimd.Store(v, ref dst, at);
        }
    }

    /// <summary>out[ox] = op over kw of row[ox sW + kw dW] (the row is padded: Note [Pooling rows then columns]).</summary>
    private static void CombineColumns<TOp>(
        Span<float> row, Span<float> even, Span<float> odd, Span<float> outRow, in PoolWindow win, in PoolWidths widths)
        where TOp : IPoolOperator
    {
        VectorWidth width = widths.Columns;
        if (width != VectorWidth.Scalar && win.SW == 2)
        {
            Unzip(row, even, odd, widths.Unzip);
        }

        var taps = new ColumnTaps(row, even, odd, outRow, win.KW, win.DW, win.SW);
        switch (width)
        {
            case VectorWidth.V512: CombineColumnsLoop<TOp, Simd512, Vector512<float>>(in taps); break;
            case VectorWidth.V256: CombineColumnsLoop<TOp, Simd256, Vector256<float>>(in taps); break;
            case VectorWidth.V128: CombineColumnsLoop<TOp, Simd128, Vector128<float>>(in taps); break;
            default:
                for (int ox = 0; ox < outRow.Length; ox++)
                {
                    int at = ox * win.SW;
                    float v = row[at];
                    for (int kw = 1; kw < win.KW; kw++)
                    {
                        v = TOp.Invoke(v, row[at + (kw * win.DW)]);
                    }

                    outRow[ox] = v;
                }

                break;
        }
    }

    private readonly ref struct ColumnTaps(Span<float> row, Span<float> even, Span<float> odd, Span<float> output, int kW, int dW, int sW)
    {
        public readonly Span<float> Row = row, Even = even, Odd = odd, Output = output;
        public readonly int KW = kW, DW = dW, SW = sW;
    }

    // Stride 1 or 2 and at least one vector of outputs. Tap t = kw dW of output ox is row[ox + t] at stride 1,
    // and at stride 2 row[2 ox + t] = even[ox + t / 2] for even t, odd[ox + (t - 1) / 2] for odd t.
    private static void CombineColumnsLoop<TOp, TSimd, TVec>(in ColumnTaps p)
        where TOp : IPoolOperator
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        nuint c = (nuint)TSimd.Count;
        nuint outW = (nuint)p.Output.Length;
        ref float row = ref MemoryMarshal.GetReference(p.Row);
        ref float even = ref MemoryMarshal.GetReference(p.Even);
        ref float odd = ref MemoryMarshal.GetReference(p.Odd);
        ref float output = ref MemoryMarshal.GetReference(p.Output);
        if (p.SW == 1)
        {
            for (nuint j = 0; j < outW; j += c)
            {
                nuint at = Math.Min(j, outW - c);
                TVec v = TSimd.Load(ref row, at);
                for (int kw = 1; kw < p.KW; kw++)
                {
                    v = TOp.Invoke<TSimd, TVec>(v, TSimd.Load(ref row, at + (nuint)(kw * p.DW)));
                }

                TSimd.Store(v, ref output, at);
            }

            return;
        }

        for (nuint j = 0; j < outW; j += c)
        {
            nuint at = Math.Min(j, outW - c);
            TVec v = TSimd.Load(ref even, at);
            for (int kw = 1; kw < p.KW; kw++)
            {
                int t = kw * p.DW;
                v = TOp.Invoke<TSimd, TVec>(v, TSimd.Load(ref (t & 1) == 0 ? ref even : ref odd, at + (nuint)(t >> 1)));
            }

            TSimd.Store(v, ref output, at);
        }
    }

    /// <summary>even[i] = row[2 i], odd[i] = row[2 i + 1]; row has an even length; <paramref name="fitted"/> fits half of it.</summary>
    private static void Unzip(ReadOnlySpan<float> row, Span<float> even, Span<float> odd, VectorWidth fitted)
    {
        ref float r = ref MemoryMarshal.GetReference(row);
        ref float e = ref MemoryMarshal.GetReference(even);
        ref float o = ref MemoryMarshal.GetReference(odd);
        int half = row.Length / 2;
        switch (fitted)
        {
            case VectorWidth.V512: UnzipLoop<Simd512, Vector512<float>>(ref r, ref e, ref o, half); break;
            case VectorWidth.V256: UnzipLoop<Simd256, Vector256<float>>(ref r, ref e, ref o, half); break;
            case VectorWidth.V128: UnzipLoop<Simd128, Vector128<float>>(ref r, ref e, ref o, half); break;
            default:
                for (int i = 0; i < half; i++)
                {
                    even[i] = row[2 * i];
                    odd[i] = row[(2 * i) + 1];
                }

                break;
        }
    }

    // Requires half >= TSimd.Count; the last block overlaps (a copy, so recomputing is harmless).
    private static void UnzipLoop<TSimd, TVec>(ref float row, ref float even, ref float odd, int half)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        nuint c = (nuint)TSimd.Count;
        for (nuint i = 0; i < (nuint)half; i += c)
        {
            nuint at = Math.Min(i, (nuint)half - c);
            TSimd.UnzipEvenOdd(TSimd.Load(ref row, 2 * at), TSimd.Load(ref row, (2 * at) + c), out TVec e, out TVec o);
            TSimd.Store(e, ref even, at);
            TSimd.Store(o, ref odd, at);
        }
    }
}
