using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace TorchJit.Kernels;

/// <summary>512-bit width: 16 floats.</summary>
internal readonly partial struct Simd512 : ISimd<Vector512<float>>
{
    public static int Count => Vector512<float>.Count;

    public static Vector512<float> Zero => Vector512<float>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Load(ref float source, nuint index) => Vector512.LoadUnsafe(ref source, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<float> value, ref float destination, nuint index) => value.StoreUnsafe(ref destination, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Broadcast(float value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Add(Vector512<float> x, Vector512<float> y) => x + y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> FusedMultiplyAdd(Vector512<float> x, Vector512<float> y, Vector512<float> addend) =>
        Vector512.FusedMultiplyAdd(x, y, addend);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> SelectFromLane(int firstLane, Vector512<float> ifTrue, Vector512<float> ifFalse) =>
        Vector512.ConditionalSelect(
            Vector512.GreaterThanOrEqual(Vector512<int>.Indices, Vector512.Create(firstLane)).AsSingle(), ifTrue, ifFalse);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SumLanes(Vector512<float> value) => Simd256.SumLanes(value.GetLower() + value.GetUpper());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Unary<TOp>(Vector512<float> x)
        where TOp : IUnaryOperator => TOp.Invoke(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Binary<TOp>(Vector512<float> x, Vector512<float> y)
        where TOp : IBinaryOperator => TOp.Invoke(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Compare<TOp>(Vector512<float> x, Vector512<float> y)
        where TOp : ICompareOperator => TOp.Invoke(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreMaskAsBools(Vector512<float> mask, ref byte destination, nuint index)
    {
        // 16 lanes -> 16 bits -> two 8-byte groups.
        ulong bits = mask.ExtractMostSignificantBits();
        ref byte d = ref Unsafe.Add(ref destination, index);
        Unsafe.WriteUnaligned(ref d, BoolBytes.Spread8((uint)bits));
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref d, 8), BoolBytes.Spread8((uint)(bits >> 8)));
    }
}
