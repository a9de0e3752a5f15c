using System.Runtime.CompilerServices;

namespace TorchJit.Kernels;

/// <summary>An unevaluated sum Hi + Lo of two floats per lane (about 48 significant bits).</summary>
internal readonly struct DoubleFloat<TVec>(TVec hi, TVec lo)
    where TVec : struct
{
    public TVec Hi { get; } = hi;

    public TVec Lo { get; } = lo;
}

// Double-float arithmetic, ported operation for operation from Sleef's df.h (FMA variants): error-free
// transformations (Knuth's two-sum, FMA two-product) that carry the rounding error in Lo. Names follow
// Sleef's: "Add" assumes |x| >= |y|, "Add2" does not.
internal static partial class VectorMath
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static DoubleFloat<TVec> DfAdd2<TSimd, TVec>(TVec x, TVec y)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        TVec s = TSimd.Add(x, y);
        TVec v = TSimd.Subtract(s, x);
        return new(s, TSimd.Add(TSimd.Subtract(x, TSimd.Subtract(s, v)), TSimd.Subtract(y, v)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static DoubleFloat<TVec> DfAdd2<TSimd, TVec>(DoubleFloat<TVec> x, TVec y)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        TVec s = TSimd.Add(x.Hi, y);
        TVec v = TSimd.Subtract(s, x.Hi);
        TVec t = TSimd.Add(TSimd.Subtract(x.Hi, TSimd.Subtract(s, v)), TSimd.Subtract(y, v));
        return new(s, TSimd.Add(t, x.Lo));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static DoubleFloat<TVec> DfAdd2<TSimd, TVec>(DoubleFloat<TVec> x, DoubleFloat<TVec> y)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        TVec s = TSimd.Add(x.Hi, y.Hi);
        TVec v = TSimd.Subtract(s, x.Hi);
        TVec t = TSimd.Add(TSimd.Subtract(x.Hi, TSimd.Subtract(s, v)), TSimd.Subtract(y.Hi, v));
        return new(s, TSimd.Add(t, TSimd.Add(x.Lo, y.Lo)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static DoubleFloat<TVec> DfAdd<TSimd, TVec>(DoubleFloat<TVec> x, DoubleFloat<TVec> y)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        TVec s = TSimd.Add(x.Hi, y.Hi);
        return new(s, TSimd.Add(TSimd.Add(TSimd.Add(TSimd.Subtract(x.Hi, s), y.Hi), x.Lo), y.Lo));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static DoubleFloat<TVec> DfAdd<TSimd, TVec>(TVec x, DoubleFloat<TVec> y)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        TVec s = TSimd.Add(x, y.Hi);
        return new(s, TSimd.Add(TSimd.Add(TSimd.Subtract(x, s), y.Hi), y.Lo));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static DoubleFloat<TVec> DfNormalize<TSimd, TVec>(DoubleFloat<TVec> t)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        TVec s = TSimd.Add(t.Hi, t.Lo);
        return new(s, TSimd.Add(TSimd.Subtract(t.Hi, s), t.Lo));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static DoubleFloat<TVec> DfScale<TSimd, TVec>(DoubleFloat<TVec> d, TVec s)
        where TSimd : ISimd<TVec>
        where TVec : struct =>
        new(TSimd.Multiply(d.Hi, s), TSimd.Multiply(d.Lo, s));

    /// <summary>x * y - z with one rounding (Sleef's fmapn).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec MultiplySubtract<TSimd, TVec>(TVec x, TVec y, TVec z)
        where TSimd : ISimd<TVec>
        where TVec : struct =>
        TSimd.FusedMultiplyAdd(x, y, TSimd.Subtract(TSimd.Zero, z));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static DoubleFloat<TVec> DfMul<TSimd, TVec>(DoubleFloat<TVec> x, DoubleFloat<TVec> y)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        TVec s = TSimd.Multiply(x.Hi, y.Hi);
        TVec lo = TSimd.FusedMultiplyAdd(
            x.Hi, y.Lo, TSimd.FusedMultiplyAdd(x.Lo, y.Hi, MultiplySubtract<TSimd, TVec>(x.Hi, y.Hi, s)));
        return new(s, lo);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static DoubleFloat<TVec> DfMul<TSimd, TVec>(DoubleFloat<TVec> x, TVec y)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        TVec s = TSimd.Multiply(x.Hi, y);
        return new(s, TSimd.FusedMultiplyAdd(x.Lo, y, MultiplySubtract<TSimd, TVec>(x.Hi, y, s)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static DoubleFloat<TVec> DfSquare<TSimd, TVec>(DoubleFloat<TVec> x)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        TVec s = TSimd.Multiply(x.Hi, x.Hi);
        return new(s, TSimd.FusedMultiplyAdd(TSimd.Add(x.Hi, x.Hi), x.Lo, MultiplySubtract<TSimd, TVec>(x.Hi, x.Hi, s)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static DoubleFloat<TVec> DfDivide<TSimd, TVec>(DoubleFloat<TVec> n, DoubleFloat<TVec> d)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        TVec one = TSimd.Broadcast(1f);
        TVec t = TSimd.Divide(one, d.Hi);
        TVec s = TSimd.Multiply(n.Hi, t);
        TVec u = MultiplySubtract<TSimd, TVec>(t, n.Hi, s);

        // v = 1 - d.Hi t - d.Lo t: how far t is from 1 / d.
        TVec v = TSimd.FusedMultiplyAdd(
            TSimd.Subtract(TSimd.Zero, d.Lo), t, TSimd.FusedMultiplyAdd(TSimd.Subtract(TSimd.Zero, d.Hi), t, one));
        return new(s, TSimd.FusedMultiplyAdd(s, v, TSimd.FusedMultiplyAdd(n.Lo, t, u)));
    }
}
