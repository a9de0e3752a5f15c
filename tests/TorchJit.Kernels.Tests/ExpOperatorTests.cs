using System.Runtime.Intrinsics;

namespace TorchJit.Kernels.Tests;

/// <summary>A dense sweep of <see cref="ExpOperator"/> (softmax and the activations rest on it): accuracy, special values, width agreement.</summary>
public sealed class ExpOperatorTests
{
    /// <summary>The brief allows 2 ulp; Cephes with FMA measures 1.</summary>
    private const int MaxUlps = 1;

    [Fact]
    public void Exp_is_within_one_ulp_of_the_correctly_rounded_result_over_its_range()
    {
        // Every 1024th float bit pattern in [-103.9, 88.72] (about 2 million points, denser near zero),
        // compared with exp in double rounded to float.
        int worst = 0;
        float worstAt = 0;
        foreach (var (from, to) in new[] { (-103.9f, 0f), (0f, 88.72f) })
        {
            int a = BitConverter.SingleToInt32Bits(Math.Min(Math.Abs(from), Math.Abs(to)));
            int b = BitConverter.SingleToInt32Bits(Math.Max(Math.Abs(from), Math.Abs(to)));
            float sign = from < 0 ? -1f : 1f;
            for (int bits = a; bits <= b; bits += 1024)
            {
                float x = sign * BitConverter.Int32BitsToSingle(bits);
                int ulps = Ulps((float)Math.Exp(x), ExpOperator.Invoke(x));
                if (ulps > worst)
                {
                    worst = ulps;
                    worstAt = x;
                }
            }
        }

        Assert.True(worst <= MaxUlps, $"worst {worst} ulp at x = {worstAt:R}");
    }

    [Fact]
    public void Exp_handles_the_special_values()
    {
        Assert.Equal(1f, ExpOperator.Invoke(0f));
        Assert.Equal(1f, ExpOperator.Invoke(-0f));
        Assert.Equal(0, BitConverter.SingleToInt32Bits(ExpOperator.Invoke(float.NegativeInfinity)));
        Assert.Equal(0, BitConverter.SingleToInt32Bits(ExpOperator.Invoke(-104f)));
        Assert.Equal(float.PositiveInfinity, ExpOperator.Invoke(float.PositiveInfinity));
        Assert.Equal(float.PositiveInfinity, ExpOperator.Invoke(88.73f));
        Assert.True(float.IsNaN(ExpOperator.Invoke(float.NaN)));
        Assert.Equal((float)Math.Exp(88.72f), ExpOperator.Invoke(88.72f));

        // Subnormal results are rounded, not flushed: e^-100 = 3.72e-44 is 27 * 2^-149 after rounding.
        Assert.Equal((float)Math.Exp(-100f), ExpOperator.Invoke(-100f));
        Assert.Equal((float)Math.Exp(-90f), ExpOperator.Invoke(-90f));
    }

    [Fact]
    public void Every_width_computes_the_same_bits_as_the_scalar_form()
    {
        var rng = new Random(21);
        float[] special = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0f, 0f, -104f, -103.5f, 88.72f, 88.8f, 100f, -1e4f];
        for (int trial = 0; trial < 4000; trial++)
        {
            var x = new float[16];
            for (int l = 0; l < 16; l++)
            {
                x[l] = rng.Next(5) == 0 ? special[rng.Next(special.Length)] : (float)((rng.NextDouble() * 200) - 110);
            }

            Vector512<float> v512 = ExpOperator.Invoke(Vector512.Create(x));
            Vector256<float> v256 = ExpOperator.Invoke(Vector256.Create(x));
            Vector128<float> v128 = ExpOperator.Invoke(Vector128.Create(x));
            for (int l = 0; l < 16; l++)
            {
                float s = ExpOperator.Invoke(x[l]);
                Same(s, v512.GetElement(l), x[l], "512");
                if (l < 8)
                {
                    Same(s, v256.GetElement(l), x[l], "256");
                }

                if (l < 4)
                {
                    Same(s, v128.GetElement(l), x[l], "128");
                }
            }
        }
    }

    private static void Same(float scalar, float lane, float x, string width)
    {
        if (!TestData.SameBits(scalar, lane))
        {
            TestData.FailBits(scalar, lane, $"exp({x:R}) at {width} bits");
        }
    }

    /// <summary>Distance in units in the last place between two non-negative floats (the bit patterns are ordered).</summary>
    private static int Ulps(float expected, float actual) =>
        Math.Abs(BitConverter.SingleToInt32Bits(expected) - BitConverter.SingleToInt32Bits(actual));
}
