using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace TorchJit.Kernels;

// inner == 1: each row is contiguous; three passes per row (max, exp-and-sum, scale), the row staying in L1
// for typical class counts. Steps as in Note [Softmax order].
//
// The row maximum uses a one-instruction max that may drop a NaN or pick either signed zero: neither can
// change the output. A NaN input makes its own exp NaN, so the sum and every output are NaN whatever m is;
// m = +0 or -0 gives the same x - m except for x = -0, whose exp is 1 either way (log_softmax: x - m is a
// zero of either sign minus log(s) > 0, or, if s == 1, the row's only nonzero term is x == m itself and
// x - m = +0 regardless). This halves the cost of the max pass against the IEEE maximum.
public static partial class Softmax
{
    private static void Rows<TOut>(ReadOnlySpan<float> x, int outer, int axis, Span<float> dest, VectorWidth resolved)
        where TOut : IOutput
    {
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float dr = ref MemoryMarshal.GetReference(dest);
        VectorWidth fit = VectorWidths.FitLength(resolved, axis);
        for (nuint o = 0; o < (nuint)outer; o++)
        {
            ref float xo = ref Unsafe.Add(ref xr, o * (nuint)axis);
            ref float d = ref Unsafe.Add(ref dr, o * (nuint)axis);
            float max = AxisReductions.FoldRow<RowMaxFold>(ref xo, axis, resolved);
            switch (fit)
            {
                case VectorWidth.V512: Row<TOut, Simd512, Vector512<float>>(ref xo, ref d, axis, max); break;
                case VectorWidth.V256: Row<TOut, Simd256, Vector256<float>>(ref xo, ref d, axis, max); break;
                case VectorWidth.V128: Row<TOut, Simd128, Vector128<float>>(ref xo, ref d, axis, max); break;
                default: RowScalar<TOut>(ref xo, ref d, axis, max); break;
            }
        }
    }

    // Requires n >= TSimd.Count. The exp-and-sum pass has the layout of Note [Sum order] (four accumulators,
    // 0..3 leftover vectors into the first three, the masked overlapping tail into the fourth).
    private static void Row<TOut, TSimd, TVec>(ref float x, ref float d, int n, float max)
        where TOut : IOutput
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        nuint c = (nuint)TSimd.Count;
        nuint end = (nuint)n;
        TVec m = TSimd.Broadcast(max);
        TVec a0 = TSimd.Zero, a1 = TSimd.Zero, a2 = TSimd.Zero, a3 = TSimd.Zero;
        nuint i = 0;
        for (; i + (4 * c) <= end; i += 4 * c)
        {
            // Each exp joins its accumulator at once: fewer live vectors next to exp's constants.
            a0 = TSimd.Add(a0, ExpShifted<TOut, TSimd, TVec>(ref x, ref d, i, m));
            a1 = TSimd.Add(a1, ExpShifted<TOut, TSimd, TVec>(ref x, ref d, i + c, m));
            a2 = TSimd.Add(a2, ExpShifted<TOut, TSimd, TVec>(ref x, ref d, i + (2 * c), m));
            a3 = TSimd.Add(a3, ExpShifted<TOut, TSimd, TVec>(ref x, ref d, i + (3 * c), m));
        }

        if (i + c <= end)
        {
            a0 = TSimd.Add(a0, ExpShifted<TOut, TSimd, TVec>(ref x, ref d, i, m));
            i += c;
            if (i + c <= end)
            {
                a1 = TSimd.Add(a1, ExpShifted<TOut, TSimd, TVec>(ref x, ref d, i, m));
                i += c;
                if (i + c <= end)
                {
                    a2 = TSimd.Add(a2, ExpShifted<TOut, TSimd, TVec>(ref x, ref d, i, m));
                    i += c;
                }
            }
        }

        if (i < end)
        {
            // Rewrites the overlapped lanes of dest with the same values; only the new lanes join the sum.
            TVec e = ExpShifted<TOut, TSimd, TVec>(ref x, ref d, end - c, m);
            a3 = TSimd.SelectFromLane(TSimd.Count - (int)(end - i), TSimd.Add(a3, e), a3);
        }

        float sum = TSimd.SumLanes(TSimd.Add(TSimd.Add(a0, a1), TSimd.Add(a2, a3)));
        nuint last = end - c;
        if (TOut.IsLog)
        {
            TVec shift = TSimd.Broadcast((float)Math.Log(sum));
            for (nuint j = 0; j < last; j += c)
            {
                TSimd.Store(TSimd.Subtract(TSimd.Subtract(TSimd.Load(ref x, j), m), shift), ref d, j);
            }

            TSimd.Store(TSimd.Subtract(TSimd.Subtract(TSimd.Load(ref x, last), m), shift), ref d, last);
        }
        else
        {
            // dest is scaled in place, so the overlapping last vector is read before the loop scales its lanes.
            TVec scale = TSimd.Broadcast(1f / sum);
            TVec tail = TSimd.Multiply(TSimd.Load(ref d, last), scale);
            for (nuint j = 0; j < last; j += c)
            {
                TSimd.Store(TSimd.Multiply(TSimd.Load(ref d, j), scale), ref d, j);
            }

            TSimd.Store(tail, ref d, last);
        }
    }

    /// <summary>e = exp(x[i..] - m), stored to dest for softmax (log_softmax only needs the sum).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec ExpShifted<TOut, TSimd, TVec>(ref float x, ref float d, nuint i, TVec m)
        where TOut : IOutput
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        TVec e = TSimd.Unary<ExpOperator>(TSimd.Subtract(TSimd.Load(ref x, i), m));
        if (!TOut.IsLog)
        {
            TSimd.Store(e, ref d, i);
        }

        return e;
    }

    // The scalar order of Note [Sum order]: four accumulators, leftovers into the first three.
    private static void RowScalar<TOut>(ref float x, ref float d, int n, float max)
        where TOut : IOutput
    {
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
        nuint i = 0;
        nuint end = (nuint)n;
        for (; i + 4 <= end; i += 4)
        {
            s0 += ExpShifted<TOut>(ref x, ref d, i, max);
            s1 += ExpShifted<TOut>(ref x, ref d, i + 1, max);
            s2 += ExpShifted<TOut>(ref x, ref d, i + 2, max);
            s3 += ExpShifted<TOut>(ref x, ref d, i + 3, max);
        }

        if (i < end)
        {
            s0 += ExpShifted<TOut>(ref x, ref d, i++, max);
        }

        if (i < end)
        {
            s1 += ExpShifted<TOut>(ref x, ref d, i++, max);
        }

        if (i < end)
        {
            s2 += ExpShifted<TOut>(ref x, ref d, i, max);
        }

        Finish<TOut>(ref x, ref d, n, 1, max, (s0 + s1) + (s2 + s3));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float ExpShifted<TOut>(ref float x, ref float d, nuint i, float max)
        where TOut : IOutput
    {
        float e = ExpOperator.Invoke(Unsafe.Add(ref x, i) - max);
        if (!TOut.IsLog)
        {
            Unsafe.Add(ref d, i) = e;
        }

        return e;
    }

    /// <summary>Step 3 of Note [Softmax order] for one scalar row or column (elements <paramref name="stride"/> apart).</summary>
    private static void Finish<TOut>(ref float x, ref float d, int n, nuint stride, float max, float sum)
        where TOut : IOutput
    {
        if (TOut.IsLog)
        {
            float shift = (float)Math.Log(sum);
            for (nuint a = 0, at = 0; a < (nuint)n; a++, at += stride)
            {
                Unsafe.Add(ref d, at) = (Unsafe.Add(ref x, at) - max) - shift;
            }
        }
        else
        {
            float scale = 1f / sum;
            for (nuint a = 0, at = 0; a < (nuint)n; a++, at += stride)
            {
                Unsafe.Add(ref d, at) *= scale;
            }
        }
    }

    /// <summary>The row maximum of softmax: <c>ISimd.MaxNaNAgnostic</c> (see the note at the top of this file).</summary>
    private readonly struct RowMaxFold : IAxisFold
    {
        public static float Identity => float.NegativeInfinity;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Step(float acc, float x) => x > acc ? x : acc;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TVec Step<TSimd, TVec>(TVec acc, TVec x)
            where TSimd : ISimd<TVec>
            where TVec : struct => TSimd.MaxNaNAgnostic(acc, x);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float FoldLanes<TSimd, TVec>(TVec value)
            where TSimd : ISimd<TVec>
            where TVec : struct => TSimd.MaxLanes(value);
    }
}
