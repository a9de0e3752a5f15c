namespace TorchJit.Kernels.Tests;

/// <summary>
/// softmax / log_softmax against float64 over [outer, axis, inner], every width. Tolerance: PyTorch's fp32
/// assert_close (rtol 1.3e-6, atol 1e-5) for every element; the outputs are bounded (|softmax| &lt;= 1) or
/// dominated by exact differences (log_softmax), so no loosening is needed even for the longest axes.
/// </summary>
public sealed class SoftmaxTests
{
    public static TheoryData<VectorWidth> Widths => TestWidths.Data;

    [Theory, MemberData(nameof(Widths))]
    public void Softmax_and_log_softmax_match_float64_on_every_shape(VectorWidth w)
    {
        var rng = new Random(31 + (int)w);
        foreach (Shape s in ReductionTestShapes.All())
        {
            float[] x = ReductionTolerance.Data(rng, s.Length, scale: 8f);
            foreach (bool log in new[] { false, true })
            {
                float[] d = TestData.Guarded(s.Length, TestData.Sentinel);
                Run(log, x, s, d.AsSpan(0, s.Length), w);
                TestData.AssertGuardIntact(d, s.Length, TestData.Sentinel, $"{s} {w}");
                AssertMatchesReference(x, s, d, log, $"{(log ? "LogSoftmax" : "Softmax")} {s} {w}");
            }
        }
    }

    [Theory, MemberData(nameof(Widths))]
    public void Inputs_of_magnitude_1e4_stay_finite_and_sum_to_one(VectorWidth w)
    {
        var rng = new Random(32);
        foreach (Shape s in new Shape[] { new(3, 1000, 1), new(2, 257, 1), new(2, 300, 9), new(1, 17, 64), new(4, 2, 1), new(1, 30, 300) })
        {
            float[] x = ReductionTolerance.Data(rng, s.Length, scale: 1e4f);
            var d = new float[s.Length];
            var l = new float[s.Length];
            Run(false, x, s, d, w);
            Run(true, x, s, l, w);
            Assert.All(d, v => Assert.True(float.IsFinite(v) && v >= 0 && v <= 1));
            Assert.All(l, v => Assert.True(!float.IsNaN(v) && v <= 0));
            for (int o = 0; o < s.Outer; o++)
            {
                for (int i = 0; i < s.Inner; i++)
                {
                    double total = 0;
                    for (int a = 0; a < s.Axis; a++)
                    {
                        total += s.At(d, o, a, i);
                    }

                    Assert.True(Math.Abs(total - 1) <= 1e-5, $"{s} {w} ({o}, {i}): sum {total:R}");
                }
            }

            AssertMatchesReference(x, s, d, log: false, $"Softmax 1e4 {s} {w}");
            AssertMatchesReference(x, s, l, log: true, $"LogSoftmax 1e4 {s} {w}");
        }
    }

    [Theory, MemberData(nameof(Widths))]
    public void Infinities_and_nan_follow_pytorch(VectorWidth w)
    {
        float inf = float.PositiveInfinity;
        foreach (int inner in new[] { 1, 5, 16, 260 })
        {
            foreach (int axis in new[] { 1, 3, 37 })
            {
                var s = new Shape(4, axis, inner);
                float[] x = ReductionTolerance.Data(new Random(axis * inner), s.Length);
                for (int a = 0; a < axis; a++)
                {
                    for (int i = 0; i < inner; i++)
                    {
                        x[(((0 * axis) + a) * inner) + i] = -inf;                         // o = 0: all -inf
                        x[(((1 * axis) + a) * inner) + i] = a == axis / 2 ? float.NaN : 1f; // o = 1: one NaN
                        x[(((2 * axis) + a) * inner) + i] = a == axis - 1 ? inf : 2f;      // o = 2: one +inf
                        if (a == 0 && axis > 1)
                        {
                            x[(((3 * axis) + a) * inner) + i] = -inf;                     // o = 3: one -inf among numbers
                        }
                    }
                }

                foreach (bool log in new[] { false, true })
                {
                    var d = new float[s.Length];
                    Run(log, x, s, d, w);
                    string ctx = $"{(log ? "LogSoftmax" : "Softmax")} {s} {w}";
                    for (int a = 0; a < axis; a++)
                    {
                        for (int i = 0; i < inner; i++)
                        {
                            Assert.True(float.IsNaN(s.At(d, 0, a, i)), $"{ctx}: all -inf must give NaN");
                            Assert.True(float.IsNaN(s.At(d, 1, a, i)), $"{ctx}: a NaN poisons its row");
                            Assert.True(float.IsNaN(s.At(d, 2, a, i)), $"{ctx}: +inf gives inf - inf = NaN");
                        }
                    }

                    AssertOuterMatchesReference(x, s, d, 3, log, ctx);
                    if (axis > 1)
                    {
                        Assert.Equal(log ? float.NegativeInfinity : 0f, s.At(d, 3, 0, 0));
                    }
                }
            }
        }
    }

    [Theory, MemberData(nameof(Widths))]
    public void Columns_are_bit_identical_across_widths_and_every_result_is_reproducible(VectorWidth w)
    {
        var rng = new Random(33);
        // Inner >= 256 takes the streamed schedule (tiles of 512 columns), which must give the same bits.
        foreach (Shape s in new Shape[] { new(2, 100, 3), new(3, 70, 17), new(1, 40, 64), new(3, 257, 1), new(2, 1000, 1), new(2, 37, 300), new(1, 20, 1100) })
        {
            float[] x = ReductionTolerance.Data(rng, s.Length, scale: 20f);
            foreach (bool log in new[] { false, true })
            {
                var a = new float[s.Length];
                var b = new float[s.Length];
                Run(log, x, s, a, w);
                Run(log, x, s, b, w);
                ReductionAxisTests.AssertSameBits(a, b, $"reproducible {s} {w}");
                if (s.Inner > 1)
                {
                    Run(log, x, s, b, VectorWidth.Scalar);
                    ReductionAxisTests.AssertSameBits(b, a, $"columns at {w} vs scalar {s}");
                }
            }
        }
    }

    [Fact]
    public void Bad_sizes_name_the_kernel_and_the_sizes()
    {
        var e = Assert.Throws<ArgumentException>(() => Softmax.Forward(new float[10], 2, 3, 2, new float[12]));
        Assert.Contains("Softmax: x has 10 elements but outer * axis * inner = 2 * 3 * 2 = 12", e.Message);
        e = Assert.Throws<ArgumentException>(() => Softmax.LogForward(new float[12], 2, 3, 2, new float[11]));
        Assert.Contains("LogSoftmax: dest has 11 elements", e.Message);
        var buffer = new float[12];
        e = Assert.Throws<ArgumentException>(() => Softmax.Forward(buffer, 2, 3, 2, buffer));
        Assert.Contains("must not overlap", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Softmax.Forward([], 0, -1, 2, []));
    }

    private static void Run(bool log, float[] x, Shape s, Span<float> d, VectorWidth w)
    {
        if (TestWidths.IsEmulated(w)) { Softmax.ForwardAt(x, s.Outer, s.Axis, s.Inner, d, log, w); }
        else if (log) { Softmax.LogForward(x, s.Outer, s.Axis, s.Inner, d, w); }
        else { Softmax.Forward(x, s.Outer, s.Axis, s.Inner, d, w); }
    }

    private static void AssertMatchesReference(float[] x, Shape s, float[] d, bool log, string context)
    {
        for (int o = 0; o < s.Outer; o++)
        {
            AssertOuterMatchesReference(x, s, d, o, log, context);
        }
    }

    private static void AssertOuterMatchesReference(float[] x, Shape s, float[] d, int o, bool log, string context)
    {
        for (int i = 0; i < s.Inner; i++)
        {
            double max = double.NegativeInfinity;
            for (int a = 0; a < s.Axis; a++)
            {
                max = Math.Max(max, s.At(x, o, a, i));
            }

            double sum = 0;
            for (int a = 0; a < s.Axis; a++)
            {
                sum += Math.Exp(s.At(x, o, a, i) - max);
            }

            for (int a = 0; a < s.Axis; a++)
            {
                double expected = log ? (s.At(x, o, a, i) - max) - Math.Log(sum) : Math.Exp(s.At(x, o, a, i) - max) / sum;
                ReductionTolerance.AssertClose(expected, s.At(d, o, a, i), ReductionTolerance.Rtol, $"{context} ({o}, {a}, {i})");
            }
        }
    }
}
