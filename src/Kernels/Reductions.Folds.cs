using System.Runtime.CompilerServices;

namespace TorchJit.Kernels;

/// <summary>
/// A lane-wise fold for the axis reductions: <c>acc = Step(acc, x)</c> from <see cref="Identity"/>. The
/// scalar and vector <c>Step</c> must give bit-identical lanes, so a column's result does not depend on the
/// width that computed it (Note [Axis column order]).
/// </summary>
internal interface IAxisFold
{
    /// <summary>The starting accumulator: Step(Identity, x) == x for every x the fold can see.</summary>
    static abstract float Identity { get; }

    static abstract float Step(float acc, float x);

    static abstract TVec Step<TSimd, TVec>(TVec acc, TVec x)
        where TSimd : ISimd<TVec>
        where TVec : struct;

    /// <summary>Folds the lanes of one vector into a float (any order for exact folds).</summary>
    static abstract float FoldLanes<TSimd, TVec>(TVec value)
        where TSimd : ISimd<TVec>
        where TVec : struct;
}

/// <summary>Addition from +0 (so a sum of only -0 is +0, as <see cref="Reductions.Sum"/>).</summary>
internal readonly struct SumFold : IAxisFold
{
    public static float Identity => 0f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Step(float acc, float x) => acc + x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Step<TSimd, TVec>(TVec acc, TVec x)
        where TSimd : ISimd<TVec>
        where TVec : struct => TSimd.Add(acc, x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float FoldLanes<TSimd, TVec>(TVec value)
        where TSimd : ISimd<TVec>
        where TVec : struct => TSimd.SumLanes(value);
}

/// <summary>IEEE 754-2019 maximum: NaN wins, +0 &gt; -0. Exact, so its order never shows in the result.</summary>
internal readonly struct MaxFold : IAxisFold
{
    public static float Identity => float.NegativeInfinity;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Step(float acc, float x) => Simd128.MaxScalar(acc, x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Step<TSimd, TVec>(TVec acc, TVec x)
        where TSimd : ISimd<TVec>
        where TVec : struct => TSimd.MaxPropagateNaN(acc, x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float FoldLanes<TSimd, TVec>(TVec value)
        where TSimd : ISimd<TVec>
        where TVec : struct => TSimd.MaxLanes(value);
}

/// <summary>IEEE 754-2019 minimum: NaN wins, -0 &lt; +0.</summary>
internal readonly struct MinFold : IAxisFold
{
    public static float Identity => float.PositiveInfinity;

    // Math.Min already propagates NaN and orders -0 below +0 (IEEE 754-2019 minimum), like Vector*.Min.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Step(float acc, float x) => Math.Min(acc, x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVec Step<TSimd, TVec>(TVec acc, TVec x)
        where TSimd : ISimd<TVec>
        where TVec : struct => TSimd.MinPropagateNaN(acc, x);

    // min(v) = -max(-v) exactly, signed zeros and NaN included; multiplying by -1 is an exact negation.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float FoldLanes<TSimd, TVec>(TVec value)
        where TSimd : ISimd<TVec>
        where TVec : struct => -TSimd.MaxLanes(TSimd.Multiply(value, TSimd.Broadcast(-1f)));
}
