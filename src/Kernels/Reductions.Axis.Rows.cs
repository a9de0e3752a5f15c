using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace TorchJit.Kernels;

// inner == 1 folds for the exact operations (max, min): each output is a contiguous row. Because the fold is
// exact, commutative and idempotent, the last vector may overlap the previous one and lanes may combine in
// any order without changing the result; sums take Note [Sum order] instead (Reductions.SumAt).
public static partial class AxisReductions
{
    private static void FoldRows<TFold>(ReadOnlySpan<float> x, int outer, int axis, Span<float> dest, VectorWidth resolved)
        where TFold : IAxisFold
    {
        ref float xr = ref MemoryMarshal.GetReference(x);
        for (int o = 0; o < outer; o++)
        {
            dest[o] = FoldRow<TFold>(ref Unsafe.Add(ref xr, (nuint)o * (nuint)axis), axis, resolved);
        }
    }

    /// <summary>Folds x[0..n) with an exact fold; n &gt;= 1.</summary>
    internal static float FoldRow<TFold>(ref float x, int n, VectorWidth resolved)
        where TFold : IAxisFold =>
        VectorWidths.FitLength(resolved, n) switch
        {
            VectorWidth.V512 => FoldRowLoop<TFold, Simd512, Vector512<float>>(ref x, n),
            VectorWidth.V256 => FoldRowLoop<TFold, Simd256, Vector256<float>>(ref x, n),
            VectorWidth.V128 => FoldRowLoop<TFold, Simd128, Vector128<float>>(ref x, n),
            _ => FoldRowScalar<TFold>(ref x, n),
        };

    private static float FoldRowScalar<TFold>(ref float x, int n)
        where TFold : IAxisFold
    {
        float acc = TFold.Identity;
        for (int i = 0; i < n; i++)
        {
            acc = TFold.Step(acc, Unsafe.Add(ref x, i));
        }

        return acc;
    }

    // Requires n >= TSimd.Count.
    private static float FoldRowLoop<TFold, TSimd, TVec>(ref float x, int n)
        where TFold : IAxisFold
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        nuint c = (nuint)TSimd.Count;
        nuint end = (nuint)n;
        TVec a0 = TSimd.Load(ref x, end - c), a1 = a0, a2 = a0, a3 = a0; // the overlapping last vector seeds all four
        nuint i = 0;
        for (; i + (4 * c) <= end; i += 4 * c)
        {
            a0 = TFold.Step<TSimd, TVec>(a0, TSimd.Load(ref x, i));
            a1 = TFold.Step<TSimd, TVec>(a1, TSimd.Load(ref x, i + c));
            a2 = TFold.Step<TSimd, TVec>(a2, TSimd.Load(ref x, i + (2 * c)));
            a3 = TFold.Step<TSimd, TVec>(a3, TSimd.Load(ref x, i + (3 * c)));
        }

        for (; i + c <= end; i += c)
        {
            a0 = TFold.Step<TSimd, TVec>(a0, TSimd.Load(ref x, i));
        }

        return TFold.FoldLanes<TSimd, TVec>(
            TFold.Step<TSimd, TVec>(TFold.Step<TSimd, TVec>(a0, a1), TFold.Step<TSimd, TVec>(a2, a3)));
    }

    /// <summary>Float lanes of the widest vector (Vector512).</summary>
    internal const int MaxLanes = 16;
}
