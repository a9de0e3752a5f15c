namespace TorchJit.Kernels.Tests;

public sealed class ReductionTests
{
    public static TheoryData<VectorWidth> Widths => TestWidths.Data;

    [Theory, MemberData(nameof(Widths))]
    public void Sum_is_close_to_a_double_sum_for_every_length(VectorWidth w)
    {
        var rng = new Random(42 + (int)w);
        for (int n = 0; n <= 256; n++)
        {
            float[] x = TestData.Floats(rng, n, specials: false);
            double exact = 0, magnitude = 0;
            foreach (float v in x)
            {
                exact += v;
                magnitude += Math.Abs(v);
            }

            float got = Drive.Sum(x, w);
            Assert.True(Math.Abs(got - exact) <= 1e-5 * magnitude, $"{w} n={n}: got {got}, exact {exact}, sum|x| {magnitude}");
        }
    }

    [Theory, MemberData(nameof(Widths))]
    public void Sum_follows_the_documented_order_bit_for_bit(VectorWidth w)
    {
        var rng = new Random(17 + (int)w);
        for (int n = 0; n <= 256; n++)
        {
            // Mixed magnitudes make every reassociation visible in the low bits.
            float[] x = TestData.Floats(rng, n, specials: false);
            float first = Drive.Sum(x, w);
            float second = Drive.Sum(x, w);
            if (!TestData.SameBits(first, second))
            {
                TestData.FailBits(first, second, $"reproducible {w} n={n}");
            }

            if (!TestData.SameBits(LaneModel.Sum(x, TestWidths.EffectiveLanes(w, n)), first))
            {
                TestData.FailBits(LaneModel.Sum(x, TestWidths.EffectiveLanes(w, n)), first, $"Note [Sum order] {w} n={n}");
            }
        }
    }

    [Theory, MemberData(nameof(Widths))]
    public void Sum_propagates_nan_and_infinity(VectorWidth w)
    {
        for (int n = 1; n <= 40; n++)
        {
            for (int at = 0; at < n; at++)
            {
                var x = new float[n];
                Array.Fill(x, 1f);
                x[at] = float.NaN;
                Assert.True(float.IsNaN(Drive.Sum(x, w)), $"NaN {w} n={n} at={at}");
                x[at] = float.PositiveInfinity;
                Assert.Equal(float.PositiveInfinity, Drive.Sum(x, w));
            }
        }
    }

    [Fact]
    public void Empty_sum_is_positive_zero()
    {
        Assert.Equal(0, BitConverter.SingleToInt32Bits(Reductions.Sum([])));
    }
}
