using System.Runtime.CompilerServices;

namespace TorchJit.Kernels;

/// <summary>
/// Width-generic float math behind the transcendental operators: each function is written once against
/// <see cref="ISimd{TVec}"/> and instantiated per width by the operator structs, so the 128/256/512-bit
/// forms run the same operation sequence and agree bit for bit. Scalar <c>Invoke</c>s run the 128-bit form on
/// one lane for the same reason (a separate scalar formula could round differently, so a tail would change
/// results). Everything here is branch-free: special values are patched in with selects.
/// </summary>
/// <remarks>
/// Note [Math constants]: every polynomial and reduction constant names its source next to it. Sleef
/// constants are from sleef/src/libm/sleefsimdsp.c and src/common/misc.h (Boost Software License 1.0);
/// Cephes constants are from Stephen L. Moshier's Cephes single-precision library (logf.c, ndtrf.c).
/// Measured error bounds are on the operators and are checked by AccuracyTests.
/// </remarks>
internal static partial class VectorMath
{
    /// <summary>1.5 * 2^23: adding it rounds any |v| &lt; 2^22 to an integer, ties to even, and leaves that
    /// integer in the low mantissa bits (the bit pattern is <c>0x4B400000 + n</c>).</summary>
    internal const float RoundMagic = 12582912f;

    /// <summary>2^-126, the smallest normal float (FLT_MIN).</summary>
    internal const float SmallestNormal = 1.17549435e-38f;

    /// <summary>2^n for int32 lanes n in [-126, 127]: n + 127 shifted into the exponent field.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVec Pow2I<TSimd, TVec>(TVec n)
        where TSimd : ISimd<TVec>
        where TVec : struct =>
        TSimd.Int32ShiftLeft(TSimd.Int32Add(n, TSimd.Int32Broadcast(127)), 23);

    /// <summary>
    /// max(x, bound) for the math's internal range limits: NaN lanes stay NaN (the comparison is false) and
    /// it costs a compare and a blend, where IEEE maximum (<c>MaxPropagateNaN</c>) needs extra NaN and
    /// signed-zero fix-ups on x86.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVec AtLeast<TSimd, TVec>(TVec x, float bound)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        TVec b = TSimd.Broadcast(bound);
        return TSimd.ConditionalSelect(TSimd.LessThan(x, b), b, x);
    }

    /// <summary>min(x, bound), NaN lanes kept, like <see cref="AtLeast{TSimd, TVec}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVec AtMost<TSimd, TVec>(TVec x, float bound)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        TVec b = TSimd.Broadcast(bound);
        return TSimd.ConditionalSelect(TSimd.LessThan(b, x), b, x);
    }

    /// <summary>|x| with the sign of <paramref name="sign"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVec CopySign<TSimd, TVec>(TVec x, TVec sign)
        where TSimd : ISimd<TVec>
        where TVec : struct
    {
        TVec signBit = TSimd.Broadcast(-0f);
        return TSimd.BitwiseOr(TSimd.BitwiseAndNot(x, signBit), TSimd.BitwiseAnd(sign, signBit));
    }

    /// <summary>x with its sign flipped where <paramref name="sign"/> is negative (Sleef's mulsign).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVec MulSign<TSimd, TVec>(TVec x, TVec sign)
        where TSimd : ISimd<TVec>
        where TVec : struct =>
        TSimd.BitwiseXor(x, TSimd.BitwiseAnd(sign, TSimd.Broadcast(-0f)));
}
