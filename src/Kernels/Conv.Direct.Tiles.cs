using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TorchJit.Kernels;

// The register tiles of the direct convolution; see Note [Direct conv layout].
//
// Note [Tiles skip PGO]: the tile methods (here and in Conv.Depthwise.cs) are compiled straight to
// optimized code, without the instrumented tier. With tiered PGO the JIT sometimes kept the accumulators
// on the stack, storing and reloading each one around every FMA of the inner loop (seen in the
// DOTNET_JitDisasm of DepthwiseTile8: 16 spills, ~40% slower), depending on the profile it collected;
// without PGO the accumulators stay in registers. Nothing in a tile benefits from the profile.
public static partial class Conv
{
    // Rows [oy0, oy1) of one block; requires OutW >= TSimd.Count. Groups consecutive slots into tiles of 3.
    private static void DirectRows<TSimd, TVec>(in DirectBlock p, int oy0, int oy1)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        int c = TSimd.Count, outW = p.OutW;
        int pending = 0;
        nint s0 = 0, s1 = 0, y0 = 0, y1 = 0;
        for (int oy = oy0; oy < oy1; oy++)
        {
            for (int ox = 0; ox < outW; ox += c)
            {
                int at = Math.Min(ox, outW - c);
                nint source = ((nint)oy * p.Wp) + at, output = ((nint)oy * outW) + at;
                switch (pending)
                {
                    case 0: (s0, y0, pending) = (source, output, 1); break;
                    case 1: (s1, y1, pending) = (source, output, 2); break;
                    default: DirectTile3<TSimd, TVec>(in p, s0, s1, source, y0, y1, output); pending = 0; break;
                }
            }
        }

        if (pending == 2)
        {
            DirectTile2<TSimd, TVec>(in p, s0, s1, y0, y1);
        }
        else if (pending == 1)
        {
            DirectTile1<TSimd, TVec>(in p, s0, y0);
        }
    }

    // Slots 0, 1, 2 read the source from offsets s0 <= s1 <= s2 and write output offsets y0, y1, y2.
    // 12 accumulators + 3 inputs + 1 weight = all 16 AVX2 registers; 12 chains cover the FMA latency.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // Note [Tiles skip PGO]
    private static void DirectTile3<TSimd, TVec>(in DirectBlock p, nint s0, nint s1, nint s2, nint y0, nint y1, nint y2)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        ref float bias = ref MemoryMarshal.GetReference(p.Bias);
        TVec a00 = TSimd.Broadcast(bias), a01 = a00, a02 = a00;
        TVec a10 = TSimd.Broadcast(Unsafe.Add(ref bias, 1)), a11 = a10, a12 = a10;
        TVec a20 = TSimd.Broadcast(Unsafe.Add(ref bias, 2)), a21 = a20, a22 = a20;
        TVec a30 = TSimd.Broadcast(Unsafe.Add(ref bias, 3)), a31 = a30, a32 = a30;
        ref float w = ref MemoryMarshal.GetReference(p.Weights);
        ref float origin = ref Unsafe.Add(ref MemoryMarshal.GetReference(p.Source), s0);
        nuint d1 = (nuint)(s1 - s0), d2 = (nuint)(s2 - s0);
        ref nint rowOffset = ref MemoryMarshal.GetReference(p.RowOffsets);
        for (int r = 0; r < p.RowOffsets.Length; r++)
        {
            ref float row = ref Unsafe.Add(ref origin, Unsafe.Add(ref rowOffset, r));
            for (nuint kw = 0; kw < (nuint)p.KW; kw++)
            {
                TVec x0 = TSimd.Load(ref row, kw), x1 = TSimd.Load(ref row, kw + d1), x2 = TSimd.Load(ref row, kw + d2);
                TVec wv = TSimd.Broadcast(w);
                a00 = TSimd.FusedMultiplyAdd(wv, x0, a00);
                a01 = TSimd.FusedMultiplyAdd(wv, x1, a01);
                a02 = TSimd.FusedMultiplyAdd(wv, x2, a02);
                wv = TSimd.Broadcast(Unsafe.Add(ref w, 1));
                a10 = TSimd.FusedMultiplyAdd(wv, x0, a10);
                a11 = TSimd.FusedMultiplyAdd(wv, x1, a11);
                a12 = TSimd.FusedMultiplyAdd(wv, x2, a12);
                wv = TSimd.Broadcast(Unsafe.Add(ref w, 2));
                a20 = TSimd.FusedMultiplyAdd(wv, x0, a20);
                a21 = TSimd.FusedMultiplyAdd(wv, x1, a21);
                a22 = TSimd.FusedMultiplyAdd(wv, x2, a22);
                wv = TSimd.Broadcast(Unsafe.Add(ref w, 3));
                a30 = TSimd.FusedMultiplyAdd(wv, x0, a30);
                a31 = TSimd.FusedMultiplyAdd(wv, x1, a31);
                a32 = TSimd.FusedMultiplyAdd(wv, x2, a32);
                w = ref Unsafe.Add(ref w, OcBlock);
            }
        }

        ref float y = ref MemoryMarshal.GetReference(p.Y);
        nint outPlane = (nint)p.OutH * p.OutW;
        StoreTriple<TSimd, TVec>(a00, a01, a02, ref y, y0, y1, y2, p.Relu);
        if (p.Count > 1)
        {
            StoreTriple<TSimd, TVec>(a10, a11, a12, ref Unsafe.Add(ref y, outPlane), y0, y1, y2, p.Relu);
        }

        if (p.Count > 2)
        {
            StoreTriple<TSimd, TVec>(a20, a21, a22, ref Unsafe.Add(ref y, 2 * outPlane), y0, y1, y2, p.Relu);
        }

        if (p.Count > 3)
        {
            StoreTriple<TSimd, TVec>(a30, a31, a32, ref Unsafe.Add(ref y, 3 * outPlane), y0, y1, y2, p.Relu);
        }
    }

    // Slot 0 reads the source from offset s0 and writes output offset y0; slot 1 uses s1 and y1.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // Note [Tiles skip PGO]
    private static void DirectTile2<TSimd, TVec>(in DirectBlock p, nint s0, nint s1, nint y0, nint y1)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        ref float bias = ref MemoryMarshal.GetReference(p.Bias);
        TVec a00 = TSimd.Broadcast(bias), a01 = a00;
        TVec a10 = TSimd.Broadcast(Unsafe.Add(ref bias, 1)), a11 = a10;
        TVec a20 = TSimd.Broadcast(Unsafe.Add(ref bias, 2)), a21 = a20;
        TVec a30 = TSimd.Broadcast(Unsafe.Add(ref bias, 3)), a31 = a30;
        ref float w = ref MemoryMarshal.GetReference(p.Weights);
        ref float origin = ref Unsafe.Add(ref MemoryMarshal.GetReference(p.Source), s0);
        nuint second = (nuint)(s1 - s0); // slots come in increasing order, so s1 >= s0
        ref nint rowOffset = ref MemoryMarshal.GetReference(p.RowOffsets);
        for (int r = 0; r < p.RowOffsets.Length; r++)
        {
            ref float row = ref Unsafe.Add(ref origin, Unsafe.Add(ref rowOffset, r));
            for (nuint kw = 0; kw < (nuint)p.KW; kw++)
            {
                TVec x0 = TSimd.Load(ref row, kw), x1 = TSimd.Load(ref row, kw + second);
                TVec wv = TSimd.Broadcast(w);
                a00 = TSimd.FusedMultiplyAdd(wv, x0, a00);
                a01 = TSimd.FusedMultiplyAdd(wv, x1, a01);
                wv = TSimd.Broadcast(Unsafe.Add(ref w, 1));
                a10 = TSimd.FusedMultiplyAdd(wv, x0, a10);
                a11 = TSimd.FusedMultiplyAdd(wv, x1, a11);
                wv = TSimd.Broadcast(Unsafe.Add(ref w, 2));
                a20 = TSimd.FusedMultiplyAdd(wv, x0, a20);
                a21 = TSimd.FusedMultiplyAdd(wv, x1, a21);
                wv = TSimd.Broadcast(Unsafe.Add(ref w, 3));
                a30 = TSimd.FusedMultiplyAdd(wv, x0, a30);
                a31 = TSimd.FusedMultiplyAdd(wv, x1, a31);
                w = ref Unsafe.Add(ref w, OcBlock);
            }
        }

        ref float y = ref MemoryMarshal.GetReference(p.Y);
        nint outPlane = (nint)p.OutH * p.OutW;
        StorePair<TSimd, TVec>(a00, a01, ref y, y0, y1, p.Relu);
        if (p.Count > 1)
        {
            StorePair<TSimd, TVec>(a10, a11, ref Unsafe.Add(ref y, outPlane), y0, y1, p.Relu);
        }

        if (p.Count > 2)
        {
            StorePair<TSimd, TVec>(a20, a21, ref Unsafe.Add(ref y, 2 * outPlane), y0, y1, p.Relu);
        }

        if (p.Count > 3)
        {
            StorePair<TSimd, TVec>(a30, a31, ref Unsafe.Add(ref y, 3 * outPlane), y0, y1, p.Relu);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // Note [Tiles skip PGO]
    private static void DirectTile1<TSimd, TVec>(in DirectBlock p, nint s0, nint y0)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        ref float bias = ref MemoryMarshal.GetReference(p.Bias);
        TVec a0 = TSimd.Broadcast(bias);
        TVec a1 = TSimd.Broadcast(Unsafe.Add(ref bias, 1));
        TVec a2 = TSimd.Broadcast(Unsafe.Add(ref bias, 2));
        TVec a3 = TSimd.Broadcast(Unsafe.Add(ref bias, 3));
        ref float w = ref MemoryMarshal.GetReference(p.Weights);
        ref float origin = ref Unsafe.Add(ref MemoryMarshal.GetReference(p.Source), s0);
        ref nint rowOffset = ref MemoryMarshal.GetReference(p.RowOffsets);
        for (int r = 0; r < p.RowOffsets.Length; r++)
        {
            ref float row = ref Unsafe.Add(ref origin, Unsafe.Add(ref rowOffset, r));
            for (nuint kw = 0; kw < (nuint)p.KW; kw++)
            {
                TVec xv = TSimd.Load(ref row, kw);
                a0 = TSimd.FusedMultiplyAdd(TSimd.Broadcast(w), xv, a0);
                a1 = TSimd.FusedMultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref w, 1)), xv, a1);
                a2 = TSimd.FusedMultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref w, 2)), xv, a2);
                a3 = TSimd.FusedMultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref w, 3)), xv, a3);
                w = ref Unsafe.Add(ref w, OcBlock);
            }
        }

        ref float y = ref Unsafe.Add(ref MemoryMarshal.GetReference(p.Y), y0);
        nint outPlane = (nint)p.OutH * p.OutW;
        TSimd.Store(Activate<TSimd, TVec>(a0, p.Relu), ref y, 0);
        if (p.Count > 1)
        {
            TSimd.Store(Activate<TSimd, TVec>(a1, p.Relu), ref Unsafe.Add(ref y, outPlane), 0);
        }

        if (p.Count > 2)
        {
            TSimd.Store(Activate<TSimd, TVec>(a2, p.Relu), ref Unsafe.Add(ref y, 2 * outPlane), 0);
        }

        if (p.Count > 3)
        {
            TSimd.Store(Activate<TSimd, TVec>(a3, p.Relu), ref Unsafe.Add(ref y, 3 * outPlane), 0);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreTriple<TSimd, TVec>(TVec first, TVec second, TVec third, ref float plane, nint y0, nint y1, nint y2, bool relu)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        TSimd.Store(Activate<TSimd, TVec>(first, relu), ref plane, (nuint)y0);
        TSimd.Store(Activate<TSimd, TVec>(second, relu), ref plane, (nuint)y1);
        TSimd.Store(Activate<TSimd, TVec>(third, relu), ref plane, (nuint)y2);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StorePair<TSimd, TVec>(TVec first, TVec second, ref float plane, nint y0, nint y1, bool relu)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        TSimd.Store(Activate<TSimd, TVec>(first, relu), ref plane, (nuint)y0);
        TSimd.Store(Activate<TSimd, TVec>(second, relu), ref plane, (nuint)y1);
    }

    // Narrow outputs (OutW < 4 or the scalar width): the same packed weights, one output at a time.
    private static void DirectScalar(in DirectBlock p, int oy0, int oy1)
    {
        int taps = p.KH * p.KW;
        for (int j = 0; j < p.Count; j++)
        {
            Span<float> yPlane = p.Y.Slice(j * p.OutH * p.OutW, p.OutH * p.OutW);
            for (int oy = oy0; oy < oy1; oy++)
            {
                for (int ox = 0; ox < p.OutW; ox++)
                {
                    float acc = p.Bias[j];
                    for (int ic = 0; ic < p.Channels; ic++)
                    {
                        for (int kh = 0; kh < p.KH; kh++)
                        {
                            for (int kw = 0; kw < p.KW; kw++)
                            {
                                float wv = p.Weights[(((ic * taps) + (kh * p.KW) + kw) * OcBlock) + j];
                                float xv = p.Source[(((ic * p.Hp) + oy + kh) * p.Wp) + ox + kw];
                                acc = MathF.FusedMultiplyAdd(wv, xv, acc);
                            }
                        }
                    }

                    yPlane[(oy * p.OutW) + ox] = p.Relu ? ReluOperator.Invoke(acc) : acc;
                }
            }
        }
    }
}
