using static TorchJit.Kernels.Tests.AccuracyReference;

namespace TorchJit.Kernels.Tests;

/// <summary>
/// Each transcendental operator against a double-precision reference: a dense sweep (every 1e-3 over
/// [-20, 20], or the operator's own range), 1e5 random floats across the full exponent range, and special
/// values. The bound asserted is the one documented on the operator, as a distance in ulps from the correctly
/// rounded result. Results below 2^-126 (denormal) are held to an absolute error of 2^-138 instead.
/// </summary>
public sealed class AccuracyTests
{
    private const double SmallestNormal = 1.17549435e-38;
    private static readonly double DenormalTolerance = Math.ScaleB(1, -138);

    // silu = x sigmoid(x): for x < -87.3 the sigmoid factor is itself denormal (fewer significant bits), which
    // shows in results below about 87 * 2^-126 ~ 2^-119.6; there the absolute rule applies.
    private static readonly double SiluNormalBelow = Math.ScaleB(1, -119);

    [Fact]
    public void Exp_is_within_1_ulp() =>
        AssertWithin<ExpOperator>(Math.Exp, 1, Inputs(-110, 100, 1e-3, 1));

    [Fact]
    public void Log_is_within_1_ulp() =>
        AssertWithin<LogOperator>(Math.Log, 1, Inputs(0, 20, 1e-3, 2).Select(MathF.Abs));

    [Fact]
    public void Tanh_is_within_2_ulp() =>
        AssertWithin<TanhOperator>(Math.Tanh, 2, Inputs(-20, 20, 1e-3, 3));

    [Fact]
    public void Sigmoid_is_within_2_ulp() =>
        AssertWithin<SigmoidOperator>(Sigmoid, 2, Inputs(-110, 110, 1e-3, 4));

    [Fact]
    public void Silu_is_within_3_ulp_while_sigmoid_stays_normal() =>
        AssertWithin<SiluOperator>(x => x * Sigmoid(x), 3, Inputs(-110, 110, 1e-3, 5), SiluNormalBelow);

    [Fact]
    public void Erf_is_within_2_ulp() =>
        AssertWithin<ErfOperator>(Erf, 2, Inputs(-20, 20, 1e-3, 6));

    [Fact]
    public void Gelu_is_within_16_ulp() =>
        AssertWithin<GeluOperator>(Gelu, 16, Inputs(-20, 20, 1e-3, 7));

    [Fact]
    public void GeluTanh_is_within_6_ulp_above_minus_2_and_keeps_relative_accuracy_in_the_left_tail()
    {
        AssertWithin<GeluTanhOperator>(GeluTanh, 6, Inputs(-2, 20, 1e-4, 8).Where(x => x >= -2));

        // Left tail: the argument's rounding (relative 2^-24 of an argument up to ~100) is magnified by e^v.
        float[] x = [.. Sweep(-20, -2, 1e-3)];
        var d = new float[x.Length];
        Elementwise.Unary<GeluTanhOperator>(x, d);
        for (int i = 0; i < x.Length; i++)
        {
            double r = GeluTanh(x[i]);
            double tolerance = Math.Abs(r) < SmallestNormal ? DenormalTolerance : 2e-5 * Math.Abs(r);
            Assert.True(Math.Abs(d[i] - r) <= tolerance, $"gelu_tanh({x[i]:R}) = {d[i]:R}, want {r:R}");
        }
    }

    [Fact]
    public void Sin_and_cos_are_within_2_ulp_below_1e4()
    {
        IEnumerable<float> xs = Inputs(-1e4, 1e4, 1e-2, 9).Concat(Sweep(-20, 20, 1e-3)).Where(v => MathF.Abs(v) < 1e4f);
        AssertWithin<SinOperator>(Math.Sin, 2, xs);
        AssertWithin<CosOperator>(Math.Cos, 2, xs);
    }

    [Fact]
    public void Pow_is_within_1_ulp_and_follows_c99_for_special_values()
    {
        var rng = new Random(10);
        int n = 100_000;
        float[] x = new float[n], y = new float[n], d = new float[n];
        for (int i = 0; i < n; i++)
        {
            (x[i], y[i]) = (i % 4) switch
            {
                0 => ((float)(rng.NextDouble() * 100), (float)((rng.NextDouble() * 40) - 20)),
                1 => (BitConverter.Int32BitsToSingle(rng.Next(1, 0x7F7FFFFF)), (float)((rng.NextDouble() * 4) - 2)),
                2 => ((float)(rng.NextDouble() * 2), (float)((rng.NextDouble() * 2000) - 1000)),
                _ => (-(float)(rng.NextDouble() * 10), rng.Next(-40, 41)),
            };
        }

        Elementwise.Binary<PowOperator>(x, y, d);
        for (int i = 0; i < n; i++)
        {
            AssertClose(d[i], Math.Pow(x[i], y[i]), 1, $"pow({x[i]:R}, {y[i]:R})");
        }

        // Math.Pow implements C99 Annex F (IEEE 754) special cases, which torch.pow follows on CPU.
        float[] specials =
            [0f, -0f, 1f, -1f, 0.5f, -0.5f, 2f, -2f, 3f, -3f, 2.5f, -2.5f, float.PositiveInfinity, float.NegativeInfinity,
             float.NaN, 1e-45f, 16777216f, 16777217f, -16777216f, 1e30f, -1e30f];
        foreach (float a in specials)
        {
            foreach (float b in specials)
            {
                float expected = (float)Math.Pow(a, b), actual = PowOperator.Invoke(a, b);
                if (!TestData.SameBits(expected, actual))
                {
                    TestData.FailBits(expected, actual, $"pow({a:R}, {b:R})");
                }
            }
        }
    }

    [Fact]
    public void Special_values_follow_pytorch()
    {
        const float Inf = float.PositiveInfinity;
        Assert.Equal(0f, ExpOperator.Invoke(-Inf));
        Assert.Equal(Inf, ExpOperator.Invoke(Inf));
        Assert.Equal(Inf, ExpOperator.Invoke(88.8f));
        Assert.Equal(0f, ExpOperator.Invoke(-104f));
        Assert.True(float.IsNaN(ExpOperator.Invoke(float.NaN)));
        Assert.Equal(1f, ExpOperator.Invoke(-0f));

        Assert.Equal(-Inf, LogOperator.Invoke(0f));
        Assert.Equal(-Inf, LogOperator.Invoke(-0f));
        Assert.True(float.IsNaN(LogOperator.Invoke(-1f)));
        Assert.True(float.IsNaN(LogOperator.Invoke(-Inf)));
        Assert.True(float.IsNaN(LogOperator.Invoke(float.NaN)));
        Assert.Equal(Inf, LogOperator.Invoke(Inf));
        Assert.Equal(0, BitConverter.SingleToInt32Bits(LogOperator.Invoke(1f)));
        Assert.Equal(-103.27893f, LogOperator.Invoke(float.Epsilon), 1e-4f);

        Assert.Equal(1f, TanhOperator.Invoke(Inf));
        Assert.Equal(-1f, TanhOperator.Invoke(-Inf));
        Assert.Equal(int.MinValue, BitConverter.SingleToInt32Bits(TanhOperator.Invoke(-0f)));
        Assert.True(float.IsNaN(TanhOperator.Invoke(float.NaN)));

        Assert.Equal(1f, SigmoidOperator.Invoke(Inf));
        Assert.Equal(0f, SigmoidOperator.Invoke(-Inf));
        Assert.Equal(0.5f, SigmoidOperator.Invoke(0f));
        Assert.False(float.IsNaN(SigmoidOperator.Invoke(-1e30f)));
        Assert.Equal(0f, SigmoidOperator.Invoke(-1e30f));
        Assert.True(float.IsNaN(SigmoidOperator.Invoke(float.NaN)));

        Assert.Equal(1f, ErfOperator.Invoke(Inf));
        Assert.Equal(-1f, ErfOperator.Invoke(-Inf));
        Assert.Equal(int.MinValue, BitConverter.SingleToInt32Bits(ErfOperator.Invoke(-0f)));
        Assert.True(float.IsNaN(ErfOperator.Invoke(float.NaN)));

        // gelu/silu at -inf: -inf * 0 = NaN, as ATen's formulas give.
        Assert.True(float.IsNaN(GeluOperator.Invoke(float.NaN)));
        Assert.True(float.IsNaN(GeluOperator.Invoke(-Inf)));
        Assert.Equal(Inf, GeluOperator.Invoke(Inf));
        Assert.Equal(int.MinValue, BitConverter.SingleToInt32Bits(GeluOperator.Invoke(-0f)));
        Assert.True(float.IsNaN(GeluTanhOperator.Invoke(float.NaN)));
        Assert.True(float.IsNaN(GeluTanhOperator.Invoke(-Inf)));
        Assert.Equal(Inf, GeluTanhOperator.Invoke(Inf));
        Assert.True(float.IsNaN(SiluOperator.Invoke(float.NaN)));
        Assert.True(float.IsNaN(SiluOperator.Invoke(-Inf)));
        Assert.Equal(Inf, SiluOperator.Invoke(Inf));

        Assert.True(float.IsNaN(SinOperator.Invoke(Inf)));
        Assert.True(float.IsNaN(CosOperator.Invoke(-Inf)));
        Assert.True(float.IsNaN(SinOperator.Invoke(float.NaN)));
        Assert.Equal(int.MinValue, BitConverter.SingleToInt32Bits(SinOperator.Invoke(-0f)));
        Assert.Equal(1f, CosOperator.Invoke(-0f));

        Assert.Equal(Inf, RsqrtOperator.Invoke(0f));
        Assert.Equal(-Inf, RsqrtOperator.Invoke(-0f));
        Assert.Equal(0f, RsqrtOperator.Invoke(Inf));
        Assert.True(float.IsNaN(RsqrtOperator.Invoke(-1f)));
        Assert.True(float.IsNaN(SqrtOperator.Invoke(-1f)));
        Assert.Equal(0, BitConverter.SingleToInt32Bits(AbsOperator.Invoke(-0f)));
    }

    [Fact]
    public void Sin_and_cos_stay_in_range_beyond_the_exact_reduction()
    {
        var rng = new Random(12);
        for (int i = 0; i < 10_000; i++)
        {
            float x = BitConverter.Int32BitsToSingle(rng.Next(0x47000000, 0x7F7FFFFF)) * (rng.Next(2) == 0 ? 1 : -1);
            float s = SinOperator.Invoke(x), c = CosOperator.Invoke(x);
            Assert.True(s >= -1f && s <= 1f, $"sin({x:R}) = {s:R}");
            Assert.True(c >= -1f && c <= 1f, $"cos({x:R}) = {c:R}");
        }
    }

    private static void AssertWithin<TOp>(
        Func<double, double> reference, long maxUlp, IEnumerable<float> inputs, double absoluteBelow = SmallestNormal)
        where TOp : IUnaryOperator
    {
        float[] x = [.. inputs];
        var d = new float[x.Length];
        Elementwise.Unary<TOp>(x, d);
        for (int i = 0; i < x.Length; i++)
        {
            AssertClose(d[i], reference(x[i]), maxUlp, $"{typeof(TOp).Name}({x[i]:R})", absoluteBelow);
        }
    }

    private static void AssertClose(float actual, double reference, long maxUlp, string context, double absoluteBelow = SmallestNormal)
    {
        if (!double.IsNaN(reference) && Math.Abs(reference) < absoluteBelow)
        {
            if (!(Math.Abs(actual - reference) <= DenormalTolerance))
            {
                Assert.Fail($"{context} = {actual:R}, want {reference:R} (denormal range)");
            }

            return;
        }

        long ulp = UlpDistance(actual, reference);
        if (ulp > maxUlp)
        {
            Assert.Fail($"{context} = {actual:R}, want {(float)reference:R}: {ulp} ulp");
        }
    }

    private static IEnumerable<float> Inputs(double lo, double hi, double step, int seed) =>
        Sweep(lo, hi, step).Concat(RandomFloats(100_000, seed)).Concat(
            [0f, -0f, float.Epsilon, -float.Epsilon, 1.17549435e-38f, float.MaxValue, -float.MaxValue, 1f, -1f]);

    private static IEnumerable<float> Sweep(double lo, double hi, double step)
    {
        long count = (long)Math.Round((hi - lo) / step);
        for (long i = 0; i <= count; i++)
        {
            yield return (float)(lo + (i * step));
        }
    }

    // Uniform over bit patterns: every exponent equally likely, both signs.
    private static IEnumerable<float> RandomFloats(int n, int seed)
    {
        var rng = new Random(seed);
        for (int i = 0; i < n;)
        {
            float f = BitConverter.Int32BitsToSingle(rng.Next() ^ (rng.Next(2) << 31));
            if (float.IsFinite(f))
            {
                i++;
                yield return f;
            }
        }
    }
}
