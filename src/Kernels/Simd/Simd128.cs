using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace TorchJit.Kernels;

/// <summary>128-bit width: 4 floats.</summary>
internal readonly partial struct Simd128 : ISimd<Vector128<float>>
{
    public static int Count => Vector128<float>.Count;

    public static Vector128<float> Zero => Vector128<float>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Load(ref float source, nuint index) => Vector128.LoadUnsafe(ref source, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<float> value, ref float destination, nuint index) => value.StoreUnsafe(ref destination, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Broadcast(float value) => Vector128.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Add(Vector128<float> x, Vector128<float> y) => x + y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> FusedMultiplyAdd(Vector128<float> x, Vector128<float> y, Vector128<float> addend) =>
        Vector128.FusedMultiplyAdd(x, y, addend);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> SelectFromLane(int firstLane, Vector128<float> ifTrue, Vector128<float> ifFalse) =>
        Vector128.ConditionalSelect(
            Vector128.GreaterThanOrEqual(Vector128<int>.Indices, Vector128.Create(firstLane)).AsSingle(), ifTrue, ifFalse);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SumLanes(Vector128<float> value) =>
        (value.GetElement(0) + value.GetElement(2)) + (value.GetElement(1) + value.GetElement(3));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Unary<TOp>(Vector128<float> x)
        where TOp : IUnaryOperator => TOp.Invoke(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Binary<TOp>(Vector128<float> x, Vector128<float> y)
        where TOp : IBinaryOperator => TOp.Invoke(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Compare<TOp>(Vector128<float> x, Vector128<float> y)
        where TOp : ICompareOperator => TOp.Invoke(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreMaskAsBools(Vector128<float> mask, ref byte destination, nuint index) =>
        Unsafe.WriteUnaligned(
            ref Unsafe.Add(ref destination, index), (uint)BoolBytes.Spread8(mask.ExtractMostSignificantBits()));
}
