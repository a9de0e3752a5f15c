using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace TorchJit.Kernels;

/// <summary>Lane rearrangements at 128 bits.</summary>
internal readonly partial struct Simd128
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void UnzipEvenOdd(Vector128<float> lo, Vector128<float> hi, out Vector128<float> even, out Vector128<float> odd)
    {
        if (Sse.IsSupported)
        {
            // shufps takes its low two lanes from lo and its high two from hi.
            even = Sse.Shuffle(lo, hi, 0b10_00_10_00);
            odd = Sse.Shuffle(lo, hi, 0b11_01_11_01);
            return;
        }

        UnzipEvenOddPortable(lo, hi, out even, out odd);
    }

    /// <summary>The path without SSE, exposed for tests.</summary>
    internal static void UnzipEvenOddPortable(Vector128<float> lo, Vector128<float> hi, out Vector128<float> even, out Vector128<float> odd)
    {
        even = Vector128.Create(lo.GetElement(0), lo.GetElement(2), hi.GetElement(0), hi.GetElement(2));
        odd = Vector128.Create(lo.GetElement(1), lo.GetElement(3), hi.GetElement(1), hi.GetElement(3));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MaxKeepNaN(Vector128<float> x, Vector128<float> y)
    {
        if (Sse41.IsSupported)
        {
            // maxps returns its second operand when either is NaN, so only a NaN in x needs the blend.
            return Sse41.BlendVariable(Sse.Max(x, y), x, Sse.CompareUnordered(x, x));
        }

        return MaxPropagateNaN(x, y);
    }
}
