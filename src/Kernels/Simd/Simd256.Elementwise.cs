using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace TorchJit.Kernels;

/// <summary>Lane-bit and integer-on-lane operations at 256 bits (see <c>ISimd.Elementwise.cs</c>).</summary>
internal readonly partial struct Simd256
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> BitwiseAnd(Vector256<float> x, Vector256<float> y) => x & y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> BitwiseOr(Vector256<float> x, Vector256<float> y) => x | y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> BitwiseXor(Vector256<float> x, Vector256<float> y) => x ^ y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> BitwiseAndNot(Vector256<float> x, Vector256<float> y) => Vector256.AndNot(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> EqualsMask(Vector256<float> x, Vector256<float> y) => Vector256.Equals(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> LessThanOrEqualMask(Vector256<float> x, Vector256<float> y) => Vector256.LessThanOrEqual(x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> RoundToEven(Vector256<float> x) => Vector256.Round(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Truncate(Vector256<float> x) => Vector256.Truncate(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Int32Broadcast(int value) => Vector256.Create(value).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Int32Add(Vector256<float> x, Vector256<float> y) => (x.AsInt32() + y.AsInt32()).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Int32Subtract(Vector256<float> x, Vector256<float> y) => (x.AsInt32() - y.AsInt32()).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Int32ShiftLeft(Vector256<float> x, int count) => Vector256.ShiftLeft(x.AsInt32(), count).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Int32ShiftRightArithmetic(Vector256<float> x, int count) =>
        Vector256.ShiftRightArithmetic(x.AsInt32(), count).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Int32ToSingle(Vector256<float> x) => Vector256.ConvertToSingle(x.AsInt32());

    // The native conversion (cvttps2dq) skips the saturation fix-up; callers keep lanes in range.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> SingleToInt32(Vector256<float> x) => Vector256.ConvertToInt32Native(x).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> LoadBoolsAsMask(ref byte source, nuint index)
    {
        // 8 bytes -> 8 int lanes (vpmovzxbd on AVX2), then "nonzero" as a mask.
        Vector128<byte> bytes = Vector128.CreateScalar(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref source, index))).AsByte();
        Vector128<ushort> shorts = Vector128.WidenLower(bytes);
        Vector256<uint> lanes = Vector256.Create(Vector128.WidenLower(shorts), Vector128.WidenUpper(shorts));
        return (~Vector256.Equals(lanes, Vector256<uint>.Zero)).AsSingle();
    }
}
