using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace TorchJit.Kernels;

// max(dim)/min(dim) with indices when inner > 1: each lane is one output column and walks down the axis from
// row 0, so the rule of Note [First extremum] gives the first occurrence directly; no lane merge is needed.
// Vector blocks as in Note [Axis column order] (single vectors, then an overlapping last vector).
public static partial class AxisReductions
{
    private static void ArgColumns<TRule>(
        ReadOnlySpan<float> x, int outer, int axis, int inner, Span<float> values, Span<long> indices, VectorWidth resolved)
        where TRule : IArgRule
    {
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float vr = ref MemoryMarshal.GetReference(values);
        ref long ir = ref MemoryMarshal.GetReference(indices);
        switch (VectorWidths.FitLength(resolved, inner))
        {
            case VectorWidth.V512: ArgColumnsLoop<TRule, Simd512, Vector512<float>>(ref xr, ref vr, ref ir, outer, axis, inner); break;
            case VectorWidth.V256: ArgColumnsLoop<TRule, Simd256, Vector256<float>>(ref xr, ref vr, ref ir, outer, axis, inner); break;
            case VectorWidth.V128: ArgColumnsLoop<TRule, Simd128, Vector128<float>>(ref xr, ref vr, ref ir, outer, axis, inner); break;
            default:
                nuint stride = (nuint)inner;
                for (nuint o = 0; o < (nuint)outer; o++)
                {
                    ref float xo = ref Unsafe.Add(ref xr, o * (nuint)axis * stride);
                    for (nuint j = 0; j < stride; j++)
                    {
                        ref float col = ref Unsafe.Add(ref xo, j);
                        float best = col;
                        long position = 0;
                        nuint offset = stride;
                        for (int a = 1; a < axis; a++, offset += stride)
                        {
                            float v = Unsafe.Add(ref col, offset);
                            if (TRule.Replaces(v, best))
                            {
                                best = v;
                                position = a;
                            }
                        }

                        Unsafe.Add(ref vr, (o * stride) + j) = best;
                        Unsafe.Add(ref ir, (o * stride) + j) = position;
                    }
                }

                break;
        }
    }

    // Requires inner >= TSimd.Count.
    private static void ArgColumnsLoop<TRule, TSimd, TVec>(ref float x, ref float values, ref long indices, int outer, int axis, int inner)
        where TRule : IArgRule
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        if (inner >= StreamMinInner)
        {
            ArgColumnsStreamed<TRule, TSimd, TVec>(ref x, ref values, ref indices, outer, axis, inner);
            return;
        }

        nuint c = (nuint)TSimd.Count;
        nuint n = (nuint)inner;
        for (nuint o = 0; o < (nuint)outer; o++)
        {
            ref float xo = ref Unsafe.Add(ref x, o * (nuint)axis * n);
            nuint j = 0;
            for (; j + c <= n; j += c)
            {
                ArgColumn<TRule, TSimd, TVec>(ref Unsafe.Add(ref xo, j), axis, n, ref values, ref indices, (o * n) + j);
            }

            if (j < n)
            {
                ArgColumn<TRule, TSimd, TVec>(ref Unsafe.Add(ref xo, n - c), axis, n, ref values, ref indices, (o * n) + n - c);
            }
        }
    }

    private static void ArgColumn<TRule, TSimd, TVec>(ref float x, int axis, nuint stride, ref float values, ref long indices, nuint at)
        where TRule : IArgRule
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        TVec best = TSimd.Load(ref x, 0);
        TVec position = TSimd.Zero; // int32 0 has the bits of +0f
        nuint offset = stride;
        for (int a = 1; a < axis; a++, offset += stride)
        {
            ArgStep<TRule, TSimd, TVec>(ref best, ref position, TSimd.Load(ref x, offset), PositionBits<TSimd, TVec>(a));
        }

        TSimd.Store(best, ref values, at);
        Span<float> lanes = stackalloc float[MaxLanes];
        TSimd.Store(position, ref MemoryMarshal.GetReference(lanes), 0);
        for (int l = 0; l < TSimd.Count; l++)
        {
            Unsafe.Add(ref indices, at + (nuint)l) = BitConverter.SingleToInt32Bits(lanes[l]);
        }
    }
}
