using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace TorchJit.Kernels;

/// <summary>
/// 8x8 float block transposes for packing: B^T into panels (the linear-layer weight) and row-major A into
/// 6-row micro-panels. Done one element at a time, the B^T packing writes every float to a different cache
/// line and ran at ~1.5 ns per element, as long as the whole product for batch sizes below ~16, and the A
/// packing at ~0.9 ns, 10% of a 256^3 product; in registers it is 24 shuffles per 64 floats.
/// </summary>
internal static class GemmTranspose
{
    /// <summary>Whether <see cref="Block8x8"/> may be called.</summary>
    public static bool IsSupported => Avx.IsSupported;

    /// <summary>
    /// dst[i * dstStride + r] = src[r * srcStride + i] for r, i in 0..7: the classic unpack / shuffle /
    /// lane-permute transpose (Intel optimization manual, "8x8 matrix transpose").
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Block8x8(ref float src, nint srcStride, ref float dst, nint dstStride) =>
        Store8x8(
            Vector256.LoadUnsafe(ref src),
            Vector256.LoadUnsafe(ref Unsafe.Add(ref src, srcStride)),
            Vector256.LoadUnsafe(ref Unsafe.Add(ref src, 2 * srcStride)),
            Vector256.LoadUnsafe(ref Unsafe.Add(ref src, 3 * srcStride)),
            Vector256.LoadUnsafe(ref Unsafe.Add(ref src, 4 * srcStride)),
            Vector256.LoadUnsafe(ref Unsafe.Add(ref src, 5 * srcStride)),
            Vector256.LoadUnsafe(ref Unsafe.Add(ref src, 6 * srcStride)),
            Vector256.LoadUnsafe(ref Unsafe.Add(ref src, 7 * srcStride)),
            ref dst,
            dstStride);

    /// <summary>
    /// Six rows of 8 floats, times <paramref name="scale"/>, stored as 8 columns of 6: dst[i * 6 + r] =
    /// scale * src[r * srcStride + i]. Each column is written as 8 floats, so 2 floats past the last column
    /// (dst[48], dst[49]) are overwritten; callers write those afterwards or leave slack.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Rows6x8(ref float src, nint srcStride, Vector256<float> scale, ref float dst) =>
        Store8x8(
            scale * Vector256.LoadUnsafe(ref src),
            scale * Vector256.LoadUnsafe(ref Unsafe.Add(ref src, srcStride)),
            scale * Vector256.LoadUnsafe(ref Unsafe.Add(ref src, 2 * srcStride)),
            scale * Vector256.LoadUnsafe(ref Unsafe.Add(ref src, 3 * srcStride)),
            scale * Vector256.LoadUnsafe(ref Unsafe.Add(ref src, 4 * srcStride)),
            scale * Vector256.LoadUnsafe(ref Unsafe.Add(ref src, 5 * srcStride)),
            Vector256<float>.Zero,
            Vector256<float>.Zero,
            ref dst,
            6);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store8x8(
        Vector256<float> r0, Vector256<float> r1, Vector256<float> r2, Vector256<float> r3,
        Vector256<float> r4, Vector256<float> r5, Vector256<float> r6, Vector256<float> r7, ref float dst, nint dstStride)
    {
        // t0 = r00 r10 r01 r11 | r04 r14 r05 r15, t1 = r02 r12 r03 r13 | r06 r16 r07 r17, ...
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
        Vector256<float> t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);

        // u0 = r00 r10 r20 r30 | r04 r14 r24 r34, u1 = column 1 | column 5, ...
        Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE);
        Vector256<float> u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> u4 = Avx.Shuffle(t4, t6, 0x44), u5 = Avx.Shuffle(t4, t6, 0xEE);
        Vector256<float> u6 = Avx.Shuffle(t5, t7, 0x44), u7 = Avx.Shuffle(t5, t7, 0xEE);

        // In increasing address order, so an overlapping wider-than-stride store is overwritten by the next.
        Avx.Permute2x128(u0, u4, 0x20).StoreUnsafe(ref dst);
        Avx.Permute2x128(u1, u5, 0x20).StoreUnsafe(ref Unsafe.Add(ref dst, dstStride));
        Avx.Permute2x128(u2, u6, 0x20).StoreUnsafe(ref Unsafe.Add(ref dst, 2 * dstStride));
        Avx.Permute2x128(u3, u7, 0x20).StoreUnsafe(ref Unsafe.Add(ref dst, 3 * dstStride));
        Avx.Permute2x128(u0, u4, 0x31).StoreUnsafe(ref Unsafe.Add(ref dst, 4 * dstStride));
        Avx.Permute2x128(u1, u5, 0x31).StoreUnsafe(ref Unsafe.Add(ref dst, 5 * dstStride));
        Avx.Permute2x128(u2, u6, 0x31).StoreUnsafe(ref Unsafe.Add(ref dst, 6 * dstStride));
        Avx.Permute2x128(u3, u7, 0x31).StoreUnsafe(ref Unsafe.Add(ref dst, 7 * dstStride));
    }
}
