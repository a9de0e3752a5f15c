using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace TorchJit.Kernels;

/// <summary>Lane rearrangements at 512 bits.</summary>
internal readonly partial struct Simd512
{
    // Built from the 256-bit unzip of each input's halves: one code path, correct with or without AVX-512
    // (the tests run this width emulated on AVX2 machines).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void UnzipEvenOdd(Vector512<float> lo, Vector512<float> hi, out Vector512<float> even, out Vector512<float> odd)
    {
        Simd256.UnzipEvenOdd(lo.GetLower(), lo.GetUpper(), out Vector256<float> evenLo, out Vector256<float> oddLo);
        Simd256.UnzipEvenOdd(hi.GetLower(), hi.GetUpper(), out Vector256<float> evenHi, out Vector256<float> oddHi);
        even = Vector512.Create(evenLo, evenHi);
        odd = Vector512.Create(oddLo, oddHi);
    }

    // No AVX-512 machine to tune on: the exact IEEE maximum is also a correct MaxKeepNaN.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> MaxKeepNaN(Vector512<float> x, Vector512<float> y) => MaxPropagateNaN(x, y);
}
