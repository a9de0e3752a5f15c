using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace TorchJit.Kernels;

/// <summary>Reduction members at 256 bits.</summary>
internal readonly partial struct Simd256
{
    // Not (candidate <= current) is true when candidate > current or either is NaN; the current == current
    // term then drops the lanes where current is already NaN. Two compares and an AND, no blend.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ArgMaxReplaces(Vector256<float> candidate, Vector256<float> current) =>
        Vector256.AndNot(Vector256.Equals(current, current), Vector256.LessThanOrEqual(candidate, current));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ArgMinReplaces(Vector256<float> candidate, Vector256<float> current) =>
        Vector256.AndNot(Vector256.Equals(current, current), Vector256.GreaterThanOrEqual(candidate, current));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MaxNaNAgnostic(Vector256<float> x, Vector256<float> y) => Vector256.MaxNative(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int FirstSetLane(Vector256<float> mask)
    {
        uint bits = mask.ExtractMostSignificantBits();
        return bits == 0 ? -1 : BitOperations.TrailingZeroCount(bits);
    }
}
