using System.Runtime.Intrinsics;

namespace TorchJit.Kernels;

/// <summary>
/// One vector width, as a set of static operations over its vector type <typeparamref name="TVec"/>. The
/// drivers are written once against this interface and instantiated with <see cref="Simd128"/>,
/// <see cref="Simd256"/> and <see cref="Simd512"/>; all three are structs, so the JIT specializes each
/// driver per width and inlines these calls (and the operator's <c>Invoke</c>) into the loop.
/// </summary>
/// <remarks>
/// Nothing here checks <c>IsHardwareAccelerated</c>: callers pick the width with
/// <see cref="VectorWidths.Resolve"/>. Only tests instantiate an unaccelerated width on purpose.
/// </remarks>
internal partial interface ISimd<TVec>
    where TVec : struct
{
    /// <summary>Float lanes per vector.</summary>
    static abstract int Count { get; }

    static abstract TVec Zero { get; }

    static abstract TVec Load(ref float source, nuint index);

    static abstract void Store(TVec value, ref float destination, nuint index);

    static abstract TVec Broadcast(float value);

    static abstract TVec Add(TVec x, TVec y);

    /// <summary>x * y + addend with a single rounding.</summary>
    static abstract TVec FusedMultiplyAdd(TVec x, TVec y, TVec addend);

    /// <summary>Lane i of the result is <paramref name="ifTrue"/>'s where i &gt;= <paramref name="firstLane"/>, else <paramref name="ifFalse"/>'s.</summary>
    static abstract TVec SelectFromLane(int firstLane, TVec ifTrue, TVec ifFalse);

    /// <summary>
    /// Horizontal sum in a fixed order: fold the upper half onto the lower half (512 -> 256 -> 128 -> 64 bits)
    /// and finish with (l0 + l2) + (l1 + l3).
    /// </summary>
    static abstract float SumLanes(TVec value);

    static abstract TVec Unary<TOp>(TVec x)
        where TOp : IUnaryOperator;

    static abstract TVec Binary<TOp>(TVec x, TVec y)
        where TOp : IBinaryOperator;

    static abstract TVec Compare<TOp>(TVec x, TVec y)
        where TOp : ICompareOperator;

    /// <summary>Writes one bool byte (0 or 1) per lane of an all-ones/all-zeros <paramref name="mask"/>.</summary>
    static abstract void StoreMaskAsBools(TVec mask, ref byte destination, nuint index);
}
