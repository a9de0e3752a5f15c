using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace TorchJit.Kernels;

// Depthwise (one input channel per group): each output channel oc reads input channel oc / (OC / groups)
// through its own kH x kW taps, so there is nothing to share between channels and no GEMM. Per output row,
// the columns whose taps all lie inside the input row ("interior") run vectorized when the horizontal
// stride is 1: a vector of outputs accumulates every tap in registers (starting from the bias) and is
// stored once, so the overlapping last vector just recomputes the same values. Edge columns and other
// strides run the scalar loop, which skips taps in the padding.
public static partial class Conv
{
    private static void RunDepthwise(
        ReadOnlySpan<float> x, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> y,
        in Conv2dGeometry g, bool relu, VectorWidth resolved)
    {
        int inPlane = g.InHeight * g.InWidth, outPlane = g.OutHeight * g.OutWidth;
        int taps = g.KernelHeight * g.KernelWidth;
        int ocg = g.OutChannelsPerGroup;

        // Interior columns: the first tap's column ox * sW - pW >= 0 and the last tap's column < W.
        int interiorLo = Math.Min(g.OutWidth, (g.PadW + g.StrideW - 1) / g.StrideW);
        int lastTap = (g.DilationW * (g.KernelWidth - 1)) - g.PadW;
        int interiorHi = g.InWidth - 1 - lastTap < 0 ? 0 : Math.Min(g.OutWidth, ((g.InWidth - 1 - lastTap) / g.StrideW) + 1);
        VectorWidth width = g.StrideW == 1 ? VectorWidths.FitLength(resolved, interiorHi - interiorLo) : VectorWidth.Scalar;

        for (int n = 0; n < g.Batch; n++)
        {
            for (int oc = 0; oc < g.OutChannels; oc++)
            {
                var plane = new DepthwisePlane(
                    x.Slice(((n * g.InChannels) + (oc / ocg)) * inPlane, inPlane),
                    weights.Slice(oc * taps, taps),
                    y.Slice(((n * g.OutChannels) + oc) * outPlane, outPlane),
                    bias.IsEmpty ? 0f : bias[oc],
                    relu);
                for (int oy = 0; oy < g.OutHeight; oy++)
                {
                    int lo = interiorLo, hi = Math.Max(interiorLo, interiorHi);
                    switch (width)
                    {
                        case VectorWidth.V512: DepthwiseInterior<Simd512, Vector512<float>>(in plane, g, oy, lo, hi); break;
                        case VectorWidth.V256: DepthwiseInterior<Simd256, Vector256<float>>(in plane, g, oy, lo, hi); break;
                        case VectorWidth.V128: DepthwiseInterior<Simd128, Vector128<float>>(in plane, g, oy, lo, hi); break;
                        default: lo = hi = 0; break; // the scalar loop below takes the whole row
                    }

                    DepthwiseScalar(in plane, g, oy, 0, lo);
                    DepthwiseScalar(in plane, g, oy, hi, g.OutWidth);
                }
            }
        }
    }

    private readonly ref struct DepthwisePlane(ReadOnlySpan<float> x, ReadOnlySpan<float> w, Span<float> y, float bias, bool relu)
    {
        public readonly ReadOnlySpan<float> X = x;
        public readonly ReadOnlySpan<float> W = w;
        public readonly Span<float> Y = y;
        public readonly float Bias = bias;
        public readonly bool Relu = relu;
    }

    // Output columns [lo, hi) of row oy, any stride, taps in the padding skipped.
    private static void DepthwiseScalar(in DepthwisePlane p, in Conv2dGeometry g, int oy, int lo, int hi)
    {
        int h = g.InHeight, w = g.InWidth, outW = g.OutWidth;
        for (int ox = lo; ox < hi; ox++)
        {
            float acc = p.Bias;
            for (int kh = 0; kh < g.KernelHeight; kh++)
            {
                int iy = (oy * g.StrideH) - g.PadH + (kh * g.DilationH);
                if ((uint)iy >= (uint)h)
                {
                    continue;
                }

                for (int kw = 0; kw < g.KernelWidth; kw++)
                {
                    int ix = (ox * g.StrideW) - g.PadW + (kw * g.DilationW);
                    if ((uint)ix < (uint)w)
                    {
                        acc = MathF.FusedMultiplyAdd(p.W[(kh * g.KernelWidth) + kw], p.X[(iy * w) + ix], acc);
                    }
                }
            }

            p.Y[(oy * outW) + ox] = p.Relu ? ReluOperator.Invoke(acc) : acc;
        }
    }

    // Stride 1, hi - lo >= TSimd.Count: output columns [lo, hi) of row oy, every tap inside the row.
    private static void DepthwiseInterior<TSimd, TVec>(in DepthwisePlane p, in Conv2dGeometry g, int oy, int lo, int hi)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        int c = TSimd.Count, kW = g.KernelWidth, dW = g.DilationW;
        ref float x = ref MemoryMarshal.GetReference(p.X);
        ref float wts = ref MemoryMarshal.GetReference(p.W);
        ref float yRow = ref Unsafe.Add(ref MemoryMarshal.GetReference(p.Y), (nint)oy * g.OutWidth);
        TVec bias = TSimd.Broadcast(p.Bias);

        // Rows of taps inside the input; the columns are all inside by the choice of [lo, hi).
        int khLo = 0, khHi = g.KernelHeight;
        int iy0 = (oy * g.StrideH) - g.PadH;
        while (khLo < khHi && iy0 + (khLo * g.DilationH) < 0)
        {
            khLo++;
        }

        while (khHi > khLo && iy0 + ((khHi - 1) * g.DilationH) >= g.InHeight)
        {
            khHi--;
        }

        int ox = lo;
        for (; ox + (2 * c) <= hi; ox += 2 * c)
        {
            TVec a0 = bias, a1 = bias;
            for (int kh = khLo; kh < khHi; kh++)
            {
                ref float row = ref Unsafe.Add(ref x, ((nint)(iy0 + (kh * g.DilationH)) * g.InWidth) + ox - g.PadW);
                ref float wRow = ref Unsafe.Add(ref wts, kh * kW);
                for (int kw = 0; kw < kW; kw++)
                {
                    TVec wv = TSimd.Broadcast(Unsafe.Add(ref wRow, kw));
                    nuint at = (nuint)(kw * dW);
                    a0 = TSimd.FusedMultiplyAdd(wv, TSimd.Load(ref row, at), a0);
                    a1 = TSimd.FusedMultiplyAdd(wv, TSimd.Load(ref row, at + (nuint)c), a1);
                }
            }

            TSimd.Store(Activate<TSimd, TVec>(a0, p.Relu), ref yRow, (nuint)ox);
            TSimd.Store(Activate<TSimd, TVec>(a1, p.Relu), ref yRow, (nuint)(ox + c));
        }

        for (; ox < hi; ox += c)
        {
            int at0 = Math.Min(ox, hi - c); // overlaps the previous vector rather than running past hi
            TVec a = bias;
            for (int kh = khLo; kh < khHi; kh++)
            {
                ref float row = ref Unsafe.Add(ref x, ((nint)(iy0 + (kh * g.DilationH)) * g.InWidth) + at0 - g.PadW);
                ref float wRow = ref Unsafe.Add(ref wts, kh * kW);
                for (int kw = 0; kw < kW; kw++)
                {
                    a = TSimd.FusedMultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref wRow, kw)), TSimd.Load(ref row, (nuint)(kw * dW)), a);
                }
            }

            TSimd.Store(Activate<TSimd, TVec>(a, p.Relu), ref yRow, (nuint)at0);
        }
    }
}
