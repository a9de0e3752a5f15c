using System.Runtime.Intrinsics;

namespace TorchJit.Kernels.Tests;

/// <summary>The ISimd members pooling adds, at every width and on their portable paths (the hardware paths hide them on x86).</summary>
public sealed class PoolingSimdTests
{
    // x and y lanes chosen so every NaN placement and ordinary ordering occurs at each width (16 lanes).
    private static readonly float[] MaxX = [float.NaN, 1, float.NaN, 2, -1, float.NegativeInfinity, 3, float.PositiveInfinity, 0, 5, -5, 7, float.NaN, -2, 8, 1];
    private static readonly float[] MaxY = [1, float.NaN, float.NaN, 3, -2, -7, float.NaN, 1, 0, 6, -4, float.NegativeInfinity, 0, -3, 9, 1];

    private static void AssertMaxKeepsNaN(float[] got, int offset = 0)
    {
        for (int i = 0; i < got.Length; i++)
        {
            float x = MaxX[offset + i], y = MaxY[offset + i];
            if (float.IsNaN(x) || float.IsNaN(y))
            {
                Assert.True(float.IsNaN(got[i]), $"lane {i}: max({x}, {y}) = {got[i]}, expected NaN");
            }
            else
            {
                Assert.Equal(Math.Max(x, y), got[i]);
            }
        }
    }

    [Fact]
    public void MaxKeepNaN_propagates_nan_from_either_side_at_every_width()
    {
        AssertMaxKeepsNaN(ToArray(Simd128.MaxKeepNaN(Vector128.Create(MaxX.AsSpan(0, 4)), Vector128.Create(MaxY.AsSpan(0, 4)))));
        AssertMaxKeepsNaN(ToArray(Simd128.MaxKeepNaN(Vector128.Create(MaxX.AsSpan(4, 4)), Vector128.Create(MaxY.AsSpan(4, 4)))), 4);
        AssertMaxKeepsNaN(ToArray(Simd256.MaxKeepNaN(Vector256.Create(MaxX.AsSpan(0, 8)), Vector256.Create(MaxY.AsSpan(0, 8)))));
        AssertMaxKeepsNaN(ToArray(Simd512.MaxKeepNaN(Vector512.Create(MaxX.AsSpan()), Vector512.Create(MaxY.AsSpan()))));
    }

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
