using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace TorchJit.Kernels;

/// <summary>Lane-bit and integer-on-lane operations at 128 bits (see <c>ISimd.Elementwise.cs</c>).</summary>
internal readonly partial struct Simd128
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> BitwiseAnd(Vector128<float> x, Vector128<float> y) => x & y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> BitwiseOr(Vector128<float> x, Vector128<float> y) => x | y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> BitwiseXor(Vector128<float> x, Vector128<float> y) => x ^ y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> BitwiseAndNot(Vector128<float> x, Vector128<float> y) => Vector128.AndNot(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> EqualsMask(Vector128<float> x, Vector128<float> y) => Vector128.Equals(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> LessThanOrEqualMask(Vector128<float> x, Vector128<float> y) => Vector128.LessThanOrEqual(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> RoundToEven(Vector128<float> x) => Vector128.Round(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Truncate(Vector128<float> x) => Vector128.Truncate(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Int32Broadcast(int value) => Vector128.Create(value).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Int32Add(Vector128<float> x, Vector128<float> y) => (x.AsInt32() + y.AsInt32()).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Int32Subtract(Vector128<float> x, Vector128<float> y) => (x.AsInt32() - y.AsInt32()).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Int32ShiftLeft(Vector128<float> x, int count) => Vector128.ShiftLeft(x.AsInt32(), count).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Int32ShiftRightArithmetic(Vector128<float> x, int count) =>
        Vector128.ShiftRightArithmetic(x.AsInt32(), count).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Int32ToSingle(Vector128<float> x) => Vector128.ConvertToSingle(x.AsInt32());

    // The native conversion (cvttps2dq) skips the saturation fix-up; callers keep lanes in range.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> SingleToInt32(Vector128<float> x) => Vector128.ConvertToInt32Native(x).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> LoadBoolsAsMask(ref byte source, nuint index)
    {
        // 4 bytes -> 4 int lanes (zero-extended), then "nonzero" as a mask.
        Vector128<byte> bytes = Vector128.CreateScalar(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref source, index))).AsByte();
        Vector128<uint> lanes = Vector128.WidenLower(Vector128.WidenLower(bytes));
        return (~Vector128.Equals(lanes, Vector128<uint>.Zero)).AsSingle();
    }
}
