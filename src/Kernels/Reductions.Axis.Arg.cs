using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace TorchJit.Kernels;

/// <summary>When a later element replaces the running extremum in max(dim)/min(dim); scalar and vector agree.</summary>
internal interface IArgRule
{
    static abstract bool Replaces(float candidate, float current);

    static abstract TVec Replaces<TSimd, TVec>(TVec candidate, TVec current)
        where TSimd : ISimd<TVec>
        where TVec : struct;
}

/// <summary>Greater, or NaN over a number; ties keep the earlier element (see <c>ISimd.ArgMaxReplaces</c>).</summary>
internal readonly struct ArgMaxRule : IArgRule
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Replaces(float candidate, float current) => !(candidate <= current) && !float.IsNaN(current);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Replaces<TSimd, TVec>(TVec candidate, TVec current)
        where TSimd : ISimd<TVec>
        where TVec : struct => TSimd.ArgMaxReplaces(candidate, current);
}

/// <summary>Less, or NaN over a number; ties keep the earlier element.</summary>
internal readonly struct ArgMinRule : IArgRule
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Replaces(float candidate, float current) => !(candidate >= current) && !float.IsNaN(current);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Replaces<TSimd, TVec>(TVec candidate, TVec current)
        where TSimd : ISimd<TVec>
        where TVec : struct => TSimd.ArgMinReplaces(candidate, current);
}

// Note [First extremum]: every lane keeps (value, position) and only a strictly better element (or the first
// NaN) replaces it, visiting its positions in increasing order, so a lane holds the first occurrence of its
// own extremum. The global answer is then the best value over all lanes, and among lanes holding it (or
// holding NaN) the smallest position: the first occurrence overall. Positions travel in vector lanes as
// int32 bit patterns that are only ever selected, never used in float arithmetic.
public static partial class AxisReductions
{
    private static void ArgRows<TRule>(ReadOnlySpan<float> x, int outer, int axis, Span<float> values, Span<long> indices, VectorWidth resolved)
        where TRule : IArgRule
    {
        ref float xr = ref MemoryMarshal.GetReference(x);
        for (int o = 0; o < outer; o++)
        {
            indices[o] = ArgRow<TRule>(ref Unsafe.Add(ref xr, (nuint)o * (nuint)axis), axis, resolved, out float value);
            values[o] = value;
        }
    }

    /// <summary>Position of the first extremum of x[0..n) and its value; n &gt;= 1.</summary>
    internal static long ArgRow<TRule>(ref float x, int n, VectorWidth resolved, out float value)
        where TRule : IArgRule
    {
        float best = x;
        long position = 0;
        int i = VectorWidths.FitLength(resolved, n) switch
        {
            VectorWidth.V512 => ArgRowLoop<TRule, Simd512, Vector512<float>>(ref x, n, ref best, ref position),
            VectorWidth.V256 => ArgRowLoop<TRule, Simd256, Vector256<float>>(ref x, n, ref best, ref position),
            VectorWidth.V128 => ArgRowLoop<TRule, Simd128, Vector128<float>>(ref x, n, ref best, ref position),
            _ => 1,
        };

        // Whatever the vectors left over (fewer than one vector), or the whole row when scalar.
        for (; i < n; i++)
        {
            float v = Unsafe.Add(ref x, i);
            if (TRule.Replaces(v, best))
            {
                best = v;
                position = i;
            }
        }

        value = best;
        return position;
    }

    // Requires n >= TSimd.Count. Four (value, position) sets: set k sees the vectors at 4Cb + kC for blocks b,
    // then the 0..3 whole vectors left go to sets 0, 1, 2. All four sets start from the first vector (a
    // duplicate is harmless, Note [First extremum]). A set stores its block start p, so lane l of set k is
    // position p + kC + l; the start of set k is biased by -kC so the seed vector reads as positions 0..C-1.
    // Returns where the scalar tail continues.
    private static int ArgRowLoop<TRule, TSimd, TVec>(ref float x, int n, ref float best, ref long position)
        where TRule : IArgRule
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        int c = TSimd.Count;
        TVec v0 = TSimd.Load(ref x, 0), v1 = v0, v2 = v0, v3 = v0;
        TVec p0 = PositionBits<TSimd, TVec>(0), p1 = PositionBits<TSimd, TVec>(-c);
        TVec p2 = PositionBits<TSimd, TVec>(-2 * c), p3 = PositionBits<TSimd, TVec>(-3 * c);
        int i = 0;
        for (; i + (4 * c) <= n; i += 4 * c)
        {
            TVec p = PositionBits<TSimd, TVec>(i);
            ArgStep<TRule, TSimd, TVec>(ref v0, ref p0, TSimd.Load(ref x, (nuint)i), p);
            ArgStep<TRule, TSimd, TVec>(ref v1, ref p1, TSimd.Load(ref x, (nuint)(i + c)), p);
            ArgStep<TRule, TSimd, TVec>(ref v2, ref p2, TSimd.Load(ref x, (nuint)(i + (2 * c))), p);
            ArgStep<TRule, TSimd, TVec>(ref v3, ref p3, TSimd.Load(ref x, (nuint)(i + (3 * c))), p);
        }

        if (i + c <= n)
        {
            TVec p = PositionBits<TSimd, TVec>(i);
            ArgStep<TRule, TSimd, TVec>(ref v0, ref p0, TSimd.Load(ref x, (nuint)i), p);
            if (i + (2 * c) <= n)
            {
                ArgStep<TRule, TSimd, TVec>(ref v1, ref p1, TSimd.Load(ref x, (nuint)(i + c)), p);
                if (i + (3 * c) <= n)
                {
                    ArgStep<TRule, TSimd, TVec>(ref v2, ref p2, TSimd.Load(ref x, (nuint)(i + (2 * c))), p);
                    i += c;
                }

                i += c;
            }

            i += c;
        }

        Span<float> vs = stackalloc float[4 * MaxLanes];
        Span<float> ps = stackalloc float[4 * MaxLanes];
        ref float vr = ref MemoryMarshal.GetReference(vs);
        ref float pr = ref MemoryMarshal.GetReference(ps);
        nuint cu = (nuint)c;
        TSimd.Store(v0, ref vr, 0);
        TSimd.Store(v1, ref vr, cu);
        TSimd.Store(v2, ref vr, 2 * cu);
        TSimd.Store(v3, ref vr, 3 * cu);
        TSimd.Store(p0, ref pr, 0);
        TSimd.Store(p1, ref pr, cu);
        TSimd.Store(p2, ref pr, 2 * cu);
        TSimd.Store(p3, ref pr, 3 * cu);

        best = vs[0];
        position = BitConverter.SingleToInt32Bits(ps[0]);
        for (int k = 0; k < 4; k++)
        {
            for (int l = 0; l < c; l++)
            {
                float v = vs[(k * c) + l];
                long p = (long)BitConverter.SingleToInt32Bits(ps[(k * c) + l]) + (k * c) + l;
                if (TRule.Replaces(v, best) || (p < position && SameExtremum(v, best)))
                {
                    best = v;
                    position = p;
                }
            }
        }

        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ArgStep<TRule, TSimd, TVec>(ref TVec value, ref TVec position, TVec candidate, TVec candidatePosition)
        where TRule : IArgRule
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        TVec replace = TRule.Replaces<TSimd, TVec>(candidate, value);
        value = TSimd.ConditionalSelect(replace, candidate, value);
        position = TSimd.ConditionalSelect(replace, candidatePosition, position);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec PositionBits<TSimd, TVec>(int position)
        where TSimd : ISimd<TVec>
        where TVec : struct => TSimd.Broadcast(BitConverter.Int32BitsToSingle(position));

    /// <summary>Equal as the comparison sees it (-0 == +0), or both NaN.</summary>
    private static bool SameExtremum(float a, float b) => a == b || (float.IsNaN(a) && float.IsNaN(b));
}
