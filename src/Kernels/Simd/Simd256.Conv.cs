using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace TorchJit.Kernels;

/// <summary>Lane rearrangements at 256 bits.</summary>
internal readonly partial struct Simd256
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void UnzipEvenOdd(Vector256<float> lo, Vector256<float> hi, out Vector256<float> even, out Vector256<float> odd)
    {
        if (Avx2.IsSupported)
        {
            // vshufps works within 128-bit lanes: (lo0 lo2 hi0 hi2 | lo4 lo6 hi4 hi6); vpermpd then puts the
            // 64-bit pairs in order (0, 2, 1, 3).
            Vector256<float> e = Avx.Shuffle(lo, hi, 0b10_00_10_00);
            Vector256<float> o = Avx.Shuffle(lo, hi, 0b11_01_11_01);
            even = Avx2.Permute4x64(e.AsDouble(), 0b11_01_10_00).AsSingle();
            odd = Avx2.Permute4x64(o.AsDouble(), 0b11_01_10_00).AsSingle();
            return;
        }

        UnzipEvenOddPortable(lo, hi, out even, out odd);
    }

    /// <summary>The path without AVX2 (halves through the 128-bit unzip), exposed for tests.</summary>
    internal static void UnzipEvenOddPortable(Vector256<float> lo, Vector256<float> hi, out Vector256<float> even, out Vector256<float> odd)
    {
        Simd128.UnzipEvenOdd(lo.GetLower(), lo.GetUpper(), out Vector128<float> evenLo, out Vector128<float> oddLo);
        Simd128.UnzipEvenOdd(hi.GetLower(), hi.GetUpper(), out Vector128<float> evenHi, out Vector128<float> oddHi);
        even = Vector256.Create(evenLo, evenHi);
        odd = Vector256.Create(oddLo, oddHi);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MaxKeepNaN(Vector256<float> x, Vector256<float> y)
    {
        if (Avx.IsSupported)
        {
            // vmaxps returns its second operand when either is NaN, so only a NaN in x needs the blend.
            return Avx.BlendVariable(Avx.Max(x, y), x, Avx.Compare(x, x, FloatComparisonMode.UnorderedNonSignaling));
        }

        return MaxPropagateNaN(x, y);
    }
}
