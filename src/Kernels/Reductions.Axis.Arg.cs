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

// Note [First extremum]: for columns every lane keeps (value, position) and only a strictly better element
// (or the first NaN) replaces it, visiting the axis in order, so each lane ends on the first occurrence of its
// extremum. Positions travel in vector lanes as int32 bit patterns that are only ever selected, never used in
// float arithmetic. Rows use two passes instead (Reductions.Axis.ArgRows.cs).
public static partial class AxisReductions
{
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
}
