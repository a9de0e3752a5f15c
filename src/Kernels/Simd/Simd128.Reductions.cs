using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace TorchJit.Kernels;

/// <summary>Reduction members at 128 bits.</summary>
internal readonly partial struct Simd128
{
    // Not (candidate <= current) is true when candidate > current or either is NaN; the current == current
    // term then drops the lanes where current is already NaN. Two compares and an AND, no blend.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ArgMaxReplaces(Vector128<float> candidate, Vector128<float> current) =>
        Vector128.AndNot(Vector128.Equals(current, current), Vector128.LessThanOrEqual(candidate, current));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ArgMinReplaces(Vector128<float> candidate, Vector128<float> current) =>
        Vector128.AndNot(Vector128.Equals(current, current), Vector128.GreaterThanOrEqual(candidate, current));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MaxNaNAgnostic(Vector128<float> x, Vector128<float> y) => Vector128.MaxNative(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int FirstSetLane(Vector128<float> mask)
    {
        uint bits = mask.ExtractMostSignificantBits();
        return bits == 0 ? -1 : BitOperations.TrailingZeroCount(bits);
    }
}
