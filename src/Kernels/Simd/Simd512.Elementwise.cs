using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace TorchJit.Kernels;

/// <summary>Lane-bit and integer-on-lane operations at 512 bits (see <c>ISimd.Elementwise.cs</c>).</summary>
internal readonly partial struct Simd512
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> BitwiseAnd(Vector512<float> x, Vector512<float> y) => x & y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> BitwiseOr(Vector512<float> x, Vector512<float> y) => x | y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> BitwiseXor(Vector512<float> x, Vector512<float> y) => x ^ y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> BitwiseAndNot(Vector512<float> x, Vector512<float> y) => Vector512.AndNot(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> EqualsMask(Vector512<float> x, Vector512<float> y) => Vector512.Equals(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> LessThanOrEqualMask(Vector512<float> x, Vector512<float> y) => Vector512.LessThanOrEqual(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> RoundToEven(Vector512<float> x) => Vector512.Round(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Truncate(Vector512<float> x) => Vector512.Truncate(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Int32Broadcast(int value) => Vector512.Create(value).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Int32Add(Vector512<float> x, Vector512<float> y) => (x.AsInt32() + y.AsInt32()).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Int32Subtract(Vector512<float> x, Vector512<float> y) => (x.AsInt32() - y.AsInt32()).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Int32ShiftLeft(Vector512<float> x, int count) => Vector512.ShiftLeft(x.AsInt32(), count).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Int32ShiftRightArithmetic(Vector512<float> x, int count) =>
        Vector512.ShiftRightArithmetic(x.AsInt32(), count).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Int32ToSingle(Vector512<float> x) => Vector512.ConvertToSingle(x.AsInt32());

    // The native conversion (cvttps2dq) skips the saturation fix-up; callers keep lanes in range.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> SingleToInt32(Vector512<float> x) => Vector512.ConvertToInt32Native(x).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> LoadBoolsAsMask(ref byte source, nuint index)
    {
        // 16 bytes -> 16 int lanes, then "nonzero" as a mask.
        Vector128<byte> bytes = Vector128.LoadUnsafe(ref source, index);
        Vector256<ushort> shorts = Vector256.Create(Vector128.WidenLower(bytes), Vector128.WidenUpper(bytes));
        Vector512<uint> lanes = Vector512.Create(Vector256.WidenLower(shorts), Vector256.WidenUpper(shorts));
        return (~Vector512.Equals(lanes, Vector512<uint>.Zero)).AsSingle();
    }
}
