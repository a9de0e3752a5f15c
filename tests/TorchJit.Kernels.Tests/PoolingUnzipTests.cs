using System.Runtime.Intrinsics;

namespace TorchJit.Kernels.Tests;

/// <summary>ISimd.UnzipEvenOdd at every width and on its portable paths (the hardware paths hide them on x86).</summary>
public sealed class PoolingUnzipTests
{
    private static float[] Sequence(int n)
    {
        var a = new float[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = i;
        }

        return a;
    }

    private static void AssertUnzipped(float[] even, float[] odd)
    {
        for (int i = 0; i < even.Length; i++)
        {
            Assert.Equal(2 * i, even[i]);
            Assert.Equal((2 * i) + 1, odd[i]);
        }
    }

    [Fact]
    public void Unzip_128_hardware_and_portable()
    {
        float[] s = Sequence(8);
        var lo = Vector128.Create(s.AsSpan(0, 4));
        var hi = Vector128.Create(s.AsSpan(4, 4));
        Simd128.UnzipEvenOdd(lo, hi, out var e, out var o);
        AssertUnzipped(ToArray(e), ToArray(o));
        Simd128.UnzipEvenOddPortable(lo, hi, out e, out o);
        AssertUnzipped(ToArray(e), ToArray(o));
    }

    [Fact]
    public void Unzip_256_hardware_and_portable()
    {
        float[] s = Sequence(16);
        var lo = Vector256.Create(s.AsSpan(0, 8));
        var hi = Vector256.Create(s.AsSpan(8, 8));
        Simd256.UnzipEvenOdd(lo, hi, out var e, out var o);
        AssertUnzipped(ToArray(e), ToArray(o));
        Simd256.UnzipEvenOddPortable(lo, hi, out e, out o);
        AssertUnzipped(ToArray(e), ToArray(o));
    }

    [Fact]
    public void Unzip_512()
    {
        float[] s = Sequence(32);
        Simd512.UnzipEvenOdd(Vector512.Create(s.AsSpan(0, 16)), Vector512.Create(s.AsSpan(16, 16)), out var e, out var o);
        AssertUnzipped(ToArray(e), ToArray(o));
    }

    private static float[] ToArray<T>(T v)
        where T : struct
    {
        var span = System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(new[] { v });
        return span.ToArray();
    }
}
