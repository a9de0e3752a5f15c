namespace TorchJit.Kernels.Tests;

/// <summary>Sum, mean, var and std over [outer, axis, inner] against float64, every width. Tolerances: <see cref="ReductionTolerance"/>.</summary>
public sealed class ReductionAxisTests
{
    public static TheoryData<VectorWidth> Widths => TestWidths.Data;

    [Theory, MemberData(nameof(Widths))]
    public void Sum_and_mean_match_float64_on_every_shape(VectorWidth w)
    {
        var rng = new Random(1 + (int)w);
        foreach (Shape s in ReductionTestShapes.All())
        {
            float[] x = ReductionTolerance.Data(rng, s.Length);
            float[] sum = TestData.Guarded(s.OutLength, TestData.Sentinel);
            float[] mean = TestData.Guarded(s.OutLength, TestData.Sentinel);
            ReductionDrive.Sum(x, s, sum.AsSpan(0, s.OutLength), w);
            ReductionDrive.Mean(x, s, mean.AsSpan(0, s.OutLength), w);
            TestData.AssertGuardIntact(sum, s.OutLength, TestData.Sentinel, $"Sum {s} {w}");
            TestData.AssertGuardIntact(mean, s.OutLength, TestData.Sentinel, $"Mean {s} {w}");
            double rtol = ReductionTolerance.RtolFor(s.Axis);
            for (int o = 0; o < s.Outer; o++)
            {
                for (int i = 0; i < s.Inner; i++)
                {
                    double exact = ReductionReference.Sum(x, s, o, i, out double magnitude);
                    int k = (o * s.Inner) + i;
                    ReductionTolerance.AssertClose(exact, sum[k], rtol, ReductionTolerance.Atol + (rtol * magnitude), $"Sum {s} {w} ({o}, {i})");
                    ReductionTolerance.AssertClose(exact / s.Axis, mean[k], rtol, ReductionTolerance.Atol + (rtol * magnitude / s.Axis), $"Mean {s} {w} ({o}, {i})");
                }
            }
        }
    }

    [Theory, MemberData(nameof(Widths))]
    public void Sum_and_mean_propagate_nan_and_infinity_and_sum_minus_zeros_to_plus_zero(VectorWidth w)
    {
        var rng = new Random(2 + (int)w);
        foreach (Shape s in ReductionTestShapes.All())
        {
            float[] x = ReductionTolerance.Data(rng, s.Length, specials: true);
            var sum = new float[s.OutLength];
            var mean = new float[s.OutLength];
            ReductionDrive.Sum(x, s, sum, w);
            ReductionDrive.Mean(x, s, mean, w);
            for (int o = 0; o < s.Outer; o++)
            {
                for (int i = 0; i < s.Inner; i++)
                {
                    double exact = ReductionReference.Sum(x, s, o, i, out double magnitude);
                    double tol = double.IsFinite(magnitude) ? ReductionTolerance.Atol + (ReductionTolerance.LongRtol * magnitude) : 0;
                    ReductionTolerance.AssertClose(exact, sum[(o * s.Inner) + i], ReductionTolerance.LongRtol, tol, $"Sum {s} {w}");
                    ReductionTolerance.AssertClose(exact / s.Axis, mean[(o * s.Inner) + i], ReductionTolerance.LongRtol, tol, $"Mean {s} {w}");
                }
            }
        }

        foreach (Shape s in new Shape[] { new(2, 37, 1), new(2, 37, 9), new(1, 3, 2) })
        {
            var x = new float[s.Length];
            Array.Fill(x, -0f);
            var sum = new float[s.OutLength];
            ReductionDrive.Sum(x, s, sum, w);
            Assert.All(sum, v => Assert.Equal(0, BitConverter.SingleToInt32Bits(v)));
        }
    }

    [Theory, MemberData(nameof(Widths))]
    public void Empty_axis_sums_to_plus_zero_and_averages_to_nan(VectorWidth w)
    {
        var s = new Shape(3, 0, 5);
        var sum = new float[15];
        var mean = new float[15];
        Array.Fill(sum, 7f);
        ReductionDrive.Sum([], s, sum, w);
        ReductionDrive.Mean([], s, mean, w);
        Assert.All(sum, v => Assert.Equal(0, BitConverter.SingleToInt32Bits(v)));
        Assert.All(mean, v => Assert.True(float.IsNaN(v)));
    }

    [Theory, MemberData(nameof(Widths))]
    public void Var_and_std_match_float64_for_corrections_0_1_and_fractional(VectorWidth w)
    {
        var rng = new Random(3 + (int)w);
        foreach (Shape s in ReductionTestShapes.All())
        {
            // An offset of 100 (std about 0.6) checks the two-pass stability without the float inputs losing the spread.
            float[] x = ReductionTolerance.Data(rng, s.Length, offset: s.Length % 2 == 0 ? 100f : 0f);
            foreach (double correction in new[] { 0.0, 1.0, 2.5 })
            {
                var v = new float[s.OutLength];
                var sd = new float[s.OutLength];
                ReductionDrive.Var(x, s, correction, v, w);
                ReductionDrive.Std(x, s, correction, sd, w);
                double rtol = ReductionTolerance.RtolFor(s.Axis);
                for (int o = 0; o < s.Outer; o++)
                {
                    for (int i = 0; i < s.Inner; i++)
                    {
                        double exact = ReductionReference.Var(x, s, o, i, correction);
                        int k = (o * s.Inner) + i;
                        ReductionTolerance.AssertClose(exact, v[k], rtol, $"Var {s} c={correction} {w} ({o}, {i})");
                        ReductionTolerance.AssertClose(Math.Sqrt(exact), sd[k], rtol, $"Std {s} c={correction} {w} ({o}, {i})");
                    }
                }
            }
        }
    }

    [Theory, MemberData(nameof(Widths))]
    public void Var_edge_cases_follow_pytorch(VectorWidth w)
    {
        // axis == 1: correction 1 -> 0/0 = NaN, correction 0 -> 0.
        float[] one = [3f, -2f, 5f];
        var v = new float[3];
        ReductionDrive.Var(one, new Shape(3, 1, 1), 1, v, w);
        Assert.All(v, r => Assert.True(float.IsNaN(r)));
        ReductionDrive.Var(one, new Shape(1, 1, 3), 0, v, w);
        Assert.All(v, r => Assert.Equal(0f, r));

        // axis - correction <= 0 with a spread: m2 / 0 = +inf. A constant column: 0 / 0 = NaN.
        float[] two = [1f, 5f, 2f, 5f];
        var r2 = new float[2];
        ReductionDrive.Var(two, new Shape(1, 2, 2), 2, r2, w);
        Assert.Equal(float.PositiveInfinity, r2[0]);
        Assert.True(float.IsNaN(r2[1]));
        ReductionDrive.Std(two, new Shape(1, 2, 2), 3, r2, w);
        Assert.Equal(float.PositiveInfinity, r2[0]);

        // Empty axis: NaN, as torch.var of an empty dim.
        var e = new float[4];
        ReductionDrive.Var([], new Shape(2, 0, 2), 1, e, w);
        Assert.All(e, r => Assert.True(float.IsNaN(r)));
        ReductionDrive.Std([], new Shape(2, 0, 2), 0, e, w);
        Assert.All(e, r => Assert.True(float.IsNaN(r)));
    }

    [Theory, MemberData(nameof(Widths))]
    public void Var_propagates_nan_and_infinity_as_nan(VectorWidth w)
    {
        foreach (Shape s in new Shape[] { new(1, 40, 1), new(1, 40, 9), new(2, 5, 3) })
        {
            foreach (float special in new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity })
            {
                var x = ReductionTolerance.Data(new Random(4), s.Length);
                for (int i = 0; i < s.Inner; i++)
                {
                    x[(((s.Outer - 1) * s.Axis) + (s.Axis / 2)) * s.Inner + i] = special;
                }

                var v = new float[s.OutLength];
                ReductionDrive.Var(x, s, 1, v, w);
                for (int i = 0; i < s.Inner; i++)
                {
                    Assert.True(float.IsNaN(v[((s.Outer - 1) * s.Inner) + i]), $"{s} {special} {w}");
                }
            }
        }
    }

    [Theory, MemberData(nameof(Widths))]
    public void Var_stays_accurate_when_the_mean_dwarfs_the_spread(VectorWidth w)
    {
        // 1e6 + 100u: the float mean is off by a few units in the last place of 1e6 (0.0625) times the
        // accumulated rounding, while the spread is ~58; without the S1 correction of Note [Two-pass variance]
        // the variance is off by about (mean error / spread)^2 relative, which fails rtol 1e-5 here.
        var rng = new Random(5);
        foreach (Shape s in new Shape[] { new(2, 1000, 1), new(1, 1000, 19) })
        {
            float[] x = ReductionTolerance.Data(rng, s.Length, offset: 1e6f, scale: 100f);
            var v = new float[s.OutLength];
            ReductionDrive.Var(x, s, 1, v, w);
            for (int o = 0; o < s.Outer; o++)
            {
                for (int i = 0; i < s.Inner; i++)
                {
                    ReductionTolerance.AssertClose(ReductionReference.Var(x, s, o, i, 1), v[(o * s.Inner) + i], ReductionTolerance.LongRtol, $"{s} {w}");
                }
            }
        }
    }

    [Theory, MemberData(nameof(Widths))]
    public void Column_results_are_bit_identical_across_widths(VectorWidth w)
    {
        // Note [Axis column order]: inner > 1 uses one per-column order at every width, and the streamed
        // schedule for wide rows (Note [Streamed columns], inner >= 256, tiles of 1024) keeps it.
        var rng = new Random(6);
        foreach (Shape s in new Shape[] { new(2, 100, 3), new(3, 70, 17), new(1, 257, 64), new(2, 33, 8), new(2, 70, 300), new(1, 40, 1100) })
        {
            float[] x = ReductionTolerance.Data(rng, s.Length, offset: 3f);
            var a = new float[s.OutLength];
            var b = new float[s.OutLength];
            ReductionDrive.Sum(x, s, a, VectorWidth.Scalar);
            ReductionDrive.Sum(x, s, b, w);
            AssertSameBits(a, b, $"Sum {s} {w}");
            ReductionDrive.Var(x, s, 1, a, VectorWidth.Scalar);
            ReductionDrive.Var(x, s, 1, b, w);
            AssertSameBits(a, b, $"Var {s} {w}");
            ReductionDrive.Max(x, s, a, default, VectorWidth.Scalar);
            ReductionDrive.Max(x, s, b, default, w);
            AssertSameBits(a, b, $"amax {s} {w}");
        }
    }

    [Theory, MemberData(nameof(Widths))]
    public void Two_calls_give_identical_bits(VectorWidth w)
    {
        var rng = new Random(7);
        foreach (Shape s in new Shape[] { new(3, 257, 1), new(2, 64, 17), new(1, 1000, 5) })
        {
            float[] x = ReductionTolerance.Data(rng, s.Length, specials: false);
            foreach (var run in new Action<float[], Shape, Span<float>, VectorWidth>[]
            {
                ReductionDrive.Sum, ReductionDrive.Mean,
                (x, s, d, w) => ReductionDrive.Var(x, s, 1, d, w),
                (x, s, d, w) => ReductionDrive.Std(x, s, 0, d, w),
                (x, s, d, w) => ReductionDrive.Max(x, s, d, default, w),
            })
            {
                var a = new float[s.OutLength];
                var b = new float[s.OutLength];
                run(x, s, a, w);
                run(x, s, b, w);
                AssertSameBits(a, b, $"{s} {w}");
            }
        }
    }

    [Fact]
    public void Bad_sizes_name_the_kernel_and_the_sizes()
    {
        var e = Assert.Throws<ArgumentException>(() => AxisReductions.Sum(new float[10], 2, 3, 4, new float[8]));
        Assert.Contains("Sum", e.Message);
        Assert.Contains("2 * 3 * 4 = 24", e.Message);
        e = Assert.Throws<ArgumentException>(() => AxisReductions.Mean(new float[24], 2, 3, 4, new float[7]));
        Assert.Contains("Mean: dest has 7 elements but outer * inner = 2 * 4 = 8", e.Message);
        e = Assert.Throws<ArgumentException>(() => AxisReductions.Var(new float[24], 2, 3, 4, 1, new float[9]));
        Assert.Contains("Var", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => AxisReductions.Std(new float[0], -1, 3, 4, 1, new float[0]));

        var buffer = new float[32];
        e = Assert.Throws<ArgumentException>(() => AxisReductions.Sum(buffer.AsSpan(0, 24), 2, 3, 4, buffer.AsSpan(20, 8)));
        Assert.Contains("must not overlap", e.Message);
    }

    internal static void AssertSameBits(float[] expected, float[] actual, string context)
    {
        for (int k = 0; k < expected.Length; k++)
        {
            if (!TestData.SameBits(expected[k], actual[k]))
            {
                TestData.FailBits(expected[k], actual[k], $"{context} [{k}]");
            }
        }
    }
}
