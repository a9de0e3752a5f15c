using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace TorchJit.Kernels;

/// <summary>Reduction members at 512 bits.</summary>
internal readonly partial struct Simd512
{
    // Not (candidate <= current) is true when candidate > current or either is NaN; the current == current
    // term then drops the lanes where current is already NaN. Two compares and an AND, no blend.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ArgMaxReplaces(Vector512<float> candidate, Vector512<float> current) =>
        Vector512.AndNot(Vector512.Equals(current, current), Vector512.LessThanOrEqual(candidate, current));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ArgMinReplaces(Vector512<float> candidate, Vector512<float> current) =>
        Vector512.AndNot(Vector512.Equals(current, current), Vector512.GreaterThanOrEqual(candidate, current));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> MaxNaNAgnostic(Vector512<float> x, Vector512<float> y) => Vector512.MaxNative(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int FirstSetLane(Vector512<float> mask)
    {
        ulong bits = mask.ExtractMostSignificantBits();
        return bits == 0 ? -1 : BitOperations.TrailingZeroCount(bits);
    }
}
