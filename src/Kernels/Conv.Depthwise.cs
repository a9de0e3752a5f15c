using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace TorchJit.Kernels;

// Depthwise (one input channel per group): output channel oc reads input channel oc / (OC / groups)
// through its own kH x kW taps, so nothing is shared between channels and there is no GEMM. As in the
// direct conv, each input plane is first copied into a zero-padded plane so no tap needs a bounds check.
// With horizontal stride 1 a vector of outputs reads a contiguous vector of inputs per tap; the output
// plane is cut into vector slots (Note [Direct conv layout]) and 8 slots -- from one row or several --
// make a tile of 8 independent accumulators, because one channel alone gives too few FMAs per tap to hide
// the FMA latency otherwise. The taps run as one flat loop over precomputed offsets: with the two nested
// (kh, kw) loops, the JIT's profile-guided tier kept spilling the accumulators to the stack inside the loop.
// Other strides run a scalar loop over the padded plane.
public static partial class Conv
{
    private const int DepthwiseTile = 8;

    private static void RunDepthwise(
        ReadOnlySpan<float> x, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> y,
        in Conv2dGeometry g, bool relu, VectorWidth resolved)
    {
        int inPlane = g.InHeight * g.InWidth, outPlane = g.OutHeight * g.OutWidth;
        int taps = g.KernelHeight * g.KernelWidth;
        int ocg = g.OutChannelsPerGroup;
        int hp = g.InHeight + (2 * g.PadH), wp = g.InWidth + (2 * g.PadW);
        bool padded = g.PadH != 0 || g.PadW != 0;
        int padLength = padded ? hp * wp : 0;

        // Scratch: the padded plane, then each tap's offset from a window's corner, kh dH Wp + kw dW, as nints.
        int floatsPerOffset = IntPtr.Size / sizeof(float);
        float[] scratch = ConvScratch.Get(padLength + ((long)taps * floatsPerOffset));
        Span<nint> tapOffsets = MemoryMarshal.Cast<float, nint>(scratch.AsSpan(padLength, taps * floatsPerOffset));
        for (int kh = 0, t = 0; kh < g.KernelHeight; kh++)
        {
            for (int kw = 0; kw < g.KernelWidth; kw++, t++)
            {
                tapOffsets[t] = ((nint)kh * g.DilationH * wp) + (kw * g.DilationW);
            }
        }

        VectorWidth width = g.StrideW == 1 ? VectorWidths.FitLength(resolved, g.OutWidth) : VectorWidth.Scalar;

        for (int n = 0; n < g.Batch; n++)
        {
            for (int ic = 0; ic < g.InChannels; ic++)
            {
                ReadOnlySpan<float> source = x.Slice(((n * g.InChannels) + ic) * inPlane, inPlane);
                if (padded)
                {
                    Span<float> pad = scratch.AsSpan(0, padLength);
                    PadInput(source, pad, 1, g.InHeight, g.InWidth, g.PadH, g.PadW);
                    source = pad;
                }

                for (int oc = ic * ocg; oc < (ic + 1) * ocg; oc++)
                {
                    var plane = new DepthwisePlane(
                        source, tapOffsets, weights.Slice(oc * taps, taps), y.Slice(((n * g.OutChannels) + oc) * outPlane, outPlane),
                        bias.IsEmpty ? 0f : bias[oc], relu, g, wp);
                    switch (width)
                    {
                        case VectorWidth.V512: DepthwiseRows<Simd512, Vector512<float>>(in plane); break;
                        case VectorWidth.V256: DepthwiseRows<Simd256, Vector256<float>>(in plane); break;
                        case VectorWidth.V128: DepthwiseRows<Simd128, Vector128<float>>(in plane); break;
                        default: DepthwiseScalar(in plane); break;
                    }
                }
            }
        }
    }

    /// <summary>One output channel: its padded input plane (row length Wp), taps, output plane and epilogue.</summary>
    private readonly ref struct DepthwisePlane(
        ReadOnlySpan<float> source, ReadOnlySpan<nint> tapOffsets, ReadOnlySpan<float> taps, Span<float> y, float bias, bool relu,
        in Conv2dGeometry g, int wp)
    {
        public readonly ReadOnlySpan<float> Source = source;
        public readonly ReadOnlySpan<nint> TapOffsets = tapOffsets;
        public readonly ReadOnlySpan<float> Taps = taps;
        public readonly Span<float> Y = y;
        public readonly float Bias = bias;
        public readonly bool Relu = relu;
        public readonly int Wp = wp, KH = g.KernelHeight, KW = g.KernelWidth, SH = g.StrideH, SW = g.StrideW;
        public readonly int DH = g.DilationH, DW = g.DilationW, OutH = g.OutHeight, OutW = g.OutWidth;
    }

    private static void DepthwiseScalar(in DepthwisePlane p)
    {
        for (int oy = 0; oy < p.OutH; oy++)
        {
            for (int ox = 0; ox < p.OutW; ox++)
            {
                float acc = p.Bias;
                for (int kh = 0; kh < p.KH; kh++)
                {
                    ReadOnlySpan<float> row = p.Source.Slice(((oy * p.SH) + (kh * p.DH)) * p.Wp);
                    for (int kw = 0; kw < p.KW; kw++)
                    {
                        acc = MathF.FusedMultiplyAdd(p.Taps[(kh * p.KW) + kw], row[(ox * p.SW) + (kw * p.DW)], acc);
                    }
                }

                p.Y[(oy * p.OutW) + ox] = p.Relu ? ReluOperator.Invoke(acc) : acc;
            }
        }
    }

    // Horizontal stride 1 and OutW >= TSimd.Count: slots of 8 make a tile, leftovers run alone.
    private static void DepthwiseRows<TSimd, TVec>(in DepthwisePlane p)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        int c = TSimd.Count;
        Span<nint> sources = stackalloc nint[DepthwiseTile];
        Span<nint> outputs = stackalloc nint[DepthwiseTile];
        int pending = 0;
        for (int oy = 0; oy < p.OutH; oy++)
        {
            for (int ox = 0; ox < p.OutW; ox += c)
            {
                int at = Math.Min(ox, p.OutW - c);
                sources[pending] = ((nint)oy * p.SH * p.Wp) + at;
                outputs[pending] = ((nint)oy * p.OutW) + at;
                if (++pending == DepthwiseTile)
                {
                    DepthwiseTile8<TSimd, TVec>(in p, sources, outputs);
                    pending = 0;
                }
            }
        }

        for (int i = 0; i < pending; i++)
        {
            DepthwiseTile1<TSimd, TVec>(in p, sources[i], outputs[i]);
        }
    }

    // Slots come in increasing order, so every offset from sources[0] is >= 0.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // Note [Tiles skip PGO]
    private static void DepthwiseTile8<TSimd, TVec>(in DepthwisePlane p, ReadOnlySpan<nint> sources, ReadOnlySpan<nint> outputs)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        nint s0 = sources[0];
        nuint d1 = (nuint)(sources[1] - s0), d2 = (nuint)(sources[2] - s0), d3 = (nuint)(sources[3] - s0);
        nuint d4 = (nuint)(sources[4] - s0), d5 = (nuint)(sources[5] - s0), d6 = (nuint)(sources[6] - s0);
        nuint d7 = (nuint)(sources[7] - s0);
        TVec a0 = TSimd.Broadcast(p.Bias), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        ref float origin = ref Unsafe.Add(ref MemoryMarshal.GetReference(p.Source), s0);
        ref float w = ref MemoryMarshal.GetReference(p.Taps);
        ref nint offsets = ref MemoryMarshal.GetReference(p.TapOffsets);
        for (int t = 0; t < p.Taps.Length; t++)
        {
            ref float at = ref Unsafe.Add(ref origin, Unsafe.Add(ref offsets, t));
            TVec wv = TSimd.Broadcast(Unsafe.Add(ref w, t));
            a0 = TSimd.FusedMultiplyAdd(wv, TSimd.Load(ref at, 0), a0);
            a1 = TSimd.FusedMultiplyAdd(wv, TSimd.Load(ref at, d1), a1);
            a2 = TSimd.FusedMultiplyAdd(wv, TSimd.Load(ref at, d2), a2);
            a3 = TSimd.FusedMultiplyAdd(wv, TSimd.Load(ref at, d3), a3);
            a4 = TSimd.FusedMultiplyAdd(wv, TSimd.Load(ref at, d4), a4);
            a5 = TSimd.FusedMultiplyAdd(wv, TSimd.Load(ref at, d5), a5);
            a6 = TSimd.FusedMultiplyAdd(wv, TSimd.Load(ref at, d6), a6);
            a7 = TSimd.FusedMultiplyAdd(wv, TSimd.Load(ref at, d7), a7);
        }

        // One branch for all eight: a branch per store made the JIT spill the accumulators inside the loop.
        if (p.Relu)
        {
            a0 = TSimd.Unary<ReluOperator>(a0);
            a1 = TSimd.Unary<ReluOperator>(a1);
            a2 = TSimd.Unary<ReluOperator>(a2);
            a3 = TSimd.Unary<ReluOperator>(a3);
            a4 = TSimd.Unary<ReluOperator>(a4);
            a5 = TSimd.Unary<ReluOperator>(a5);
            a6 = TSimd.Unary<ReluOperator>(a6);
            a7 = TSimd.Unary<ReluOperator>(a7);
        }

        _ = outputs[DepthwiseTile - 1];
        ref float y = ref MemoryMarshal.GetReference(p.Y);
        TSimd.Store(a0, ref y, (nuint)outputs[0]);
        TSimd.Store(a1, ref y, (nuint)outputs[1]);
        TSimd.Store(a2, ref y, (nuint)outputs[2]);
        TSimd.Store(a3, ref y, (nuint)outputs[3]);
        TSimd.Store(a4, ref y, (nuint)outputs[4]);
        TSimd.Store(a5, ref y, (nuint)outputs[5]);
        TSimd.Store(a6, ref y, (nuint)outputs[6]);
        TSimd.Store(a7, ref y, (nuint)outputs[7]);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // Note [Tiles skip PGO]
    private static void DepthwiseTile1<TSimd, TVec>(in DepthwisePlane p, nint source, nint output)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        TVec a = TSimd.Broadcast(p.Bias);
        ref float origin = ref Unsafe.Add(ref MemoryMarshal.GetReference(p.Source), source);
        ref float w = ref MemoryMarshal.GetReference(p.Taps);
        ref nint offsets = ref MemoryMarshal.GetReference(p.TapOffsets);
        for (int t = 0; t < p.Taps.Length; t++)
        {
            a = TSimd.FusedMultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref w, t)), TSimd.Load(ref origin, (nuint)Unsafe.Add(ref offsets, t)), a);
        }

        TSimd.Store(Activate<TSimd, TVec>(a, p.Relu), ref MemoryMarshal.GetReference(p.Y), (nuint)output);
    }
}
