using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace TorchJit.Kernels;

// Note [Row argmax]: a row (inner == 1) takes two passes: the extremum itself with the exact fold (FoldRow:
// IEEE maximum/minimum, NaN if the row holds one), then a scan for the first position holding it (equal to
// it, so -0 and +0 tie, or NaN when it is NaN). That is PyTorch's index by definition, and the value returned
// is x at that position. The scan stops at the first hit and reads a row that the first pass just brought
// into cache; tracking positions in the first pass instead costs two selects per vector and a lane merge per
// row, which made short rows several times slower.
public static partial class AxisReductions
{
    private static void ArgRows<TFold>(ReadOnlySpan<float> x, int outer, int axis, Span<float> values, Span<long> indices, VectorWidth resolved)
        where TFold : IAxisFold
    {
        ref float xr = ref MemoryMarshal.GetReference(x);
        for (int o = 0; o < outer; o++)
        {
            ref float row = ref Unsafe.Add(ref xr, (nuint)o * (nuint)axis);
            int at = FirstIndexOf(ref row, axis, FoldRow<TFold>(ref row, axis, resolved), resolved);
            indices[o] = at;
            values[o] = Unsafe.Add(ref row, at);
        }
    }

    /// <summary>The first i &lt; n with x[i] == target, or with x[i] NaN when target is NaN; -1 if none.</summary>
    internal static int FirstIndexOf(ref float x, int n, float target, VectorWidth resolved) =>
        VectorWidths.FitLength(resolved, n) switch
        {
            VectorWidth.V512 => FirstIndexOfLoop<Simd512, Vector512<float>>(ref x, n, target),
            VectorWidth.V256 => FirstIndexOfLoop<Simd256, Vector256<float>>(ref x, n, target),
            VectorWidth.V128 => FirstIndexOfLoop<Simd128, Vector128<float>>(ref x, n, target),
            _ => FirstIndexOfScalar(ref x, n, target),
        };

    private static int FirstIndexOfScalar(ref float x, int n, float target)
    {
        bool nan = float.IsNaN(target);
        for (int i = 0; i < n; i++)
        {
            float v = Unsafe.Add(ref x, i);
            if (v == target || (nan && float.IsNaN(v)))
            {
                return i;
            }
        }

        return -1;
    }

    // Requires n >= TSimd.Count. The last vector overlaps lanes already found not to match.
    private static int FirstIndexOfLoop<TSimd, TVec>(ref float x, int n, float target)
        where TSimd : ISimd<TVec>
        where TVec : struct =>
        float.IsNaN(target) ? FirstIndexOfLoop<TSimd, TVec, NaNMatch>(ref x, n, target) : FirstIndexOfLoop<TSimd, TVec, EqualMatch>(ref x, n, target);

    private static int FirstIndexOfLoop<TSimd, TVec, TMatch>(ref float x, int n, float target)
        where TSimd : ISimd<TVec>
        where TVec : struct
        where TMatch : IMatch
    {
        TVec t = TSimd.Broadcast(target);
        nuint c = (nuint)TSimd.Count;
        nuint last = (nuint)n - c;
        nuint i = 0;
        int lane;
        for (; i + (2 * c) <= last; i += 2 * c)
        {
            lane = TSimd.FirstSetLane(TMatch.Mask<TSimd, TVec>(TSimd.Load(ref x, i), t));
            if (lane >= 0)
            {
                return (int)i + lane;
            }

            lane = TSimd.FirstSetLane(TMatch.Mask<TSimd, TVec>(TSimd.Load(ref x, i + c), t));
            if (lane >= 0)
            {
                return (int)(i + c) + lane;
            }
        }

        for (; i < last; i += c)
        {
            lane = TSimd.FirstSetLane(TMatch.Mask<TSimd, TVec>(TSimd.Load(ref x, i), t));
            if (lane >= 0)
            {
                return (int)i + lane;
            }
        }

        lane = TSimd.FirstSetLane(TMatch.Mask<TSimd, TVec>(TSimd.Load(ref x, last), t));
        return lane >= 0 ? (int)last + lane : -1;
    }

    /// <summary>What the scan looks for; a type parameter so the loop has no per-vector branch on it.</summary>
    private interface IMatch
    {
        static abstract TVec Mask<TSimd, TVec>(TVec x, TVec target)
            where TSimd : ISimd<TVec>
            where TVec : struct;
    }

    private readonly struct EqualMatch : IMatch
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TVec Mask<TSimd, TVec>(TVec x, TVec target)
            where TSimd : ISimd<TVec>
            where TVec : struct => TSimd.Compare<EqualOperator>(x, target);
    }

    private readonly struct NaNMatch : IMatch
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TVec Mask<TSimd, TVec>(TVec x, TVec target)
            where TSimd : ISimd<TVec>
            where TVec : struct => TSimd.IsNaN(x);
    }
}
