using System.Runtime.Intrinsics;
using static TorchJit.Kernels.Tests.TestData;

namespace TorchJit.Kernels.Tests;

/// <summary>
/// The new operators through every elementwise driver, lengths 0..256, every width: results must equal the
/// operator's own scalar Invoke bit for bit (NaN payloads aside), so the width a driver picks for a body or
/// tail never changes a result. Accuracy against math itself is AccuracyTests' job.
/// </summary>
public sealed class OperatorTests
{
    private const int MaxLength = 256;

    public static TheoryData<VectorWidth> Widths => TestWidths.Data;

    private static readonly float[] ScalarOperands =
        [2.5f, -3f, 0f, -0f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0.5f, 3f, -2f, 0.01f];

    [Theory, MemberData(nameof(Widths))]
    public void Abs_through_the_driver_matches_scalar(VectorWidth w) => CheckUnary<AbsOperator>(w);

    [Theory, MemberData(nameof(Widths))]
    public void Sqrt_through_the_driver_matches_scalar(VectorWidth w) => CheckUnary<SqrtOperator>(w);

    [Theory, MemberData(nameof(Widths))]
    public void Rsqrt_through_the_driver_matches_scalar(VectorWidth w) => CheckUnary<RsqrtOperator>(w);

    [Theory, MemberData(nameof(Widths))]
    public void Exp_through_the_driver_matches_scalar(VectorWidth w) => CheckUnary<ExpOperator>(w);

    [Theory, MemberData(nameof(Widths))]
    public void Log_through_the_driver_matches_scalar(VectorWidth w) => CheckUnary<LogOperator>(w);

    [Theory, MemberData(nameof(Widths))]
    public void Tanh_through_the_driver_matches_scalar(VectorWidth w) => CheckUnary<TanhOperator>(w);

    [Theory, MemberData(nameof(Widths))]
    public void Sigmoid_through_the_driver_matches_scalar(VectorWidth w) => CheckUnary<SigmoidOperator>(w);

    [Theory, MemberData(nameof(Widths))]
    public void Erf_through_the_driver_matches_scalar(VectorWidth w) => CheckUnary<ErfOperator>(w);

    [Theory, MemberData(nameof(Widths))]
    public void Gelu_through_the_driver_matches_scalar(VectorWidth w) => CheckUnary<GeluOperator>(w);

    [Theory, MemberData(nameof(Widths))]
    public void GeluTanh_through_the_driver_matches_scalar(VectorWidth w) => CheckUnary<GeluTanhOperator>(w);

    [Theory, MemberData(nameof(Widths))]
    public void Silu_through_the_driver_matches_scalar(VectorWidth w) => CheckUnary<SiluOperator>(w);

    [Theory, MemberData(nameof(Widths))]
    public void Sin_through_the_driver_matches_scalar(VectorWidth w) => CheckUnary<SinOperator>(w);

    [Theory, MemberData(nameof(Widths))]
    public void Cos_through_the_driver_matches_scalar(VectorWidth w) => CheckUnary<CosOperator>(w);

    [Theory, MemberData(nameof(Widths))]
    public void Pow_through_the_drivers_matches_scalar(VectorWidth w) => CheckBinary<PowOperator>(w);

    [Theory, MemberData(nameof(Widths))]
    public void Maximum_through_the_drivers_matches_scalar(VectorWidth w) => CheckBinary<MaximumOperator>(w);

    [Theory, MemberData(nameof(Widths))]
    public void Minimum_through_the_drivers_matches_scalar(VectorWidth w) => CheckBinary<MinimumOperator>(w);

    [Theory, MemberData(nameof(Widths))]
    public void LeakyRelu_through_the_drivers_matches_scalar(VectorWidth w) => CheckBinary<LeakyReluOperator>(w);

    [Fact]
    public void Every_width_agrees_with_scalar_invoke_lane_by_lane()
    {
        // Direct calls, so the 512-bit forms are checked even where no driver would choose them.
        float[] x = LaneInputs(new Random(3), 4096), y = LaneInputs(new Random(4), 4096);
        LanesAgree<AbsOperator>(x); LanesAgree<SqrtOperator>(x); LanesAgree<RsqrtOperator>(x);
        LanesAgree<ExpOperator>(x); LanesAgree<LogOperator>(x); LanesAgree<TanhOperator>(x);
        LanesAgree<SigmoidOperator>(x); LanesAgree<ErfOperator>(x); LanesAgree<GeluOperator>(x);
        LanesAgree<GeluTanhOperator>(x); LanesAgree<SiluOperator>(x); LanesAgree<SinOperator>(x);
        LanesAgree<CosOperator>(x);
        LanesAgree<PowOperator>(x, y); LanesAgree<MaximumOperator>(x, y); LanesAgree<MinimumOperator>(x, y);
        LanesAgree<LeakyReluOperator>(x, y);
    }

    [Fact]
    public void Maximum_and_minimum_propagate_nan_and_order_zeros()
    {
        Assert.True(float.IsNaN(MaximumOperator.Invoke(float.NaN, 1f)));
        Assert.True(float.IsNaN(MaximumOperator.Invoke(1f, float.NaN)));
        Assert.True(float.IsNaN(MinimumOperator.Invoke(float.NaN, float.NegativeInfinity)));
        Assert.Equal(0, BitConverter.SingleToInt32Bits(MaximumOperator.Invoke(-0f, 0f)));
        Assert.Equal(int.MinValue, BitConverter.SingleToInt32Bits(MinimumOperator.Invoke(0f, -0f)));
        Assert.Equal(3f, MaximumOperator.Invoke(3f, -7f));
        Assert.Equal(-7f, MinimumOperator.Invoke(3f, -7f));
    }

    [Fact]
    public void Gelu_returns_a_nan_input_itself_at_every_width()
    {
        // Both NaN signs: the result must not depend on which operand of an internal multiply the JIT puts
        // first (a fused loop's scalar tail once disagreed with its vector body on the sign of NaN).
        foreach (int bits in new[] { unchecked((int)0xFFC00001), 0x7FC00002 })
        {
            float nan = BitConverter.Int32BitsToSingle(bits);
            Assert.Equal(bits, BitConverter.SingleToInt32Bits(GeluOperator.Invoke(nan)));
            Assert.Equal(bits, BitConverter.SingleToInt32Bits(GeluOperator.Invoke(Vector128.Create(nan)).GetElement(3)));
            Assert.Equal(bits, BitConverter.SingleToInt32Bits(GeluOperator.Invoke(Vector256.Create(nan)).GetElement(7)));
            Assert.Equal(bits, BitConverter.SingleToInt32Bits(GeluOperator.Invoke(Vector512.Create(nan)).GetElement(15)));
        }
    }

    [Fact]
    public void LeakyRelu_keeps_nan_and_scales_negatives()
    {
        Assert.True(float.IsNaN(LeakyReluOperator.Invoke(float.NaN, 0.01f)));
        Assert.Equal(2f, LeakyReluOperator.Invoke(2f, 0.01f));
        Assert.Equal(-0.02f, LeakyReluOperator.Invoke(-2f, 0.01f));
        Assert.Equal(int.MinValue, BitConverter.SingleToInt32Bits(LeakyReluOperator.Invoke(-0f, 0.01f)));
        Assert.Equal(float.NegativeInfinity, LeakyReluOperator.Invoke(float.NegativeInfinity, 0.01f));
    }

    [Theory, MemberData(nameof(Widths))]
    public void Binary_operators_broadcast_like_the_reference(VectorWidth w)
    {
        var rng = new Random(11 + (int)w);
        (int[] X, int[] Y)[] shapes = [([4, 1, 3], [2, 3]), ([37, 1], [1, 37]), ([], [9]), ([2, 3, 40], [2, 1, 40])];
        foreach (var (xs, ys) in shapes)
        {
            int[] os = Broadcasting.BroadcastShapes(xs, ys);
            float[] x = LaneInputs(rng, (int)Broadcasting.NumElements(xs)), y = LaneInputs(rng, (int)Broadcasting.NumElements(ys));
            var d = new float[Broadcasting.NumElements(os)];
            Drive.BroadcastBinary<PowOperator>(x, xs, y, ys, d, os, w);
            for (int o = 0; o < d.Length; o++)
            {
                var (ix, iy) = BroadcastIndex(o, xs, ys, os);
                float expected = PowOperator.Invoke(x[ix], y[iy]);
                if (!SameBits(expected, d[o]))
                {
                    FailBits(expected, d[o], $"pow {Broadcasting.Format(xs)} {Broadcasting.Format(ys)} at {o}");
                }
            }
        }
    }

    /// <summary>Mixes the driver tests' specials with values that exercise each operator's branches.</summary>
    internal static float[] LaneInputs(Random rng, int n)
    {
        float[] interesting =
            [float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0f, -0f, 1f, -1f, 0.5f, 2f, -3f, 88.8f, -104f,
             -87.5f, 1e-40f, -1e-40f, float.Epsilon, float.MaxValue, -float.MaxValue, 3.1415927f, 1e5f, 4e4f, 0.99f, 1.01f, 2.01f];
        var a = new float[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = rng.Next(6) switch
            {
                0 => interesting[rng.Next(interesting.Length)],
                1 => BitConverter.Int32BitsToSingle(rng.Next() ^ (rng.Next(2) << 31)),
                2 => (float)(rng.NextDouble() * 200 - 100),
                3 => (float)(rng.NextDouble() * 8 - 4),
                4 => rng.Next(-6, 7),
                _ => Ordinary(rng),
            };
        }

        return a;
    }

    private static void LanesAgree<TOp>(float[] x)
        where TOp : IUnaryOperator
    {
        for (int i = 0; i + 16 <= x.Length; i += 16)
        {
            Vector128<float> r128 = TOp.Invoke(Vector128.Create(x.AsSpan(i, 4)));
            Vector256<float> r256 = TOp.Invoke(Vector256.Create(x.AsSpan(i, 8)));
            Vector512<float> r512 = TOp.Invoke(Vector512.Create(x.AsSpan(i, 16)));
            for (int l = 0; l < 16; l++)
            {
                float s = TOp.Invoke(x[i + l]);
                string at = $"{typeof(TOp).Name} x={Show(x[i + l])}";
                if (l < 4 && !SameBits(s, r128[l])) { FailBits(s, r128[l], $"{at} V128"); }
                if (l < 8 && !SameBits(s, r256[l])) { FailBits(s, r256[l], $"{at} V256"); }
                if (!SameBits(s, r512[l])) { FailBits(s, r512[l], $"{at} V512"); }
            }
        }
    }

    private static void LanesAgree<TOp>(float[] x, float[] y)
        where TOp : IBinaryOperator
    {
        for (int i = 0; i + 16 <= x.Length; i += 16)
        {
            Vector128<float> r128 = TOp.Invoke(Vector128.Create(x.AsSpan(i, 4)), Vector128.Create(y.AsSpan(i, 4)));
            Vector256<float> r256 = TOp.Invoke(Vector256.Create(x.AsSpan(i, 8)), Vector256.Create(y.AsSpan(i, 8)));
            Vector512<float> r512 = TOp.Invoke(Vector512.Create(x.AsSpan(i, 16)), Vector512.Create(y.AsSpan(i, 16)));
            for (int l = 0; l < 16; l++)
            {
                float s = TOp.Invoke(x[i + l], y[i + l]);
                string at = $"{typeof(TOp).Name} x={Show(x[i + l])} y={Show(y[i + l])}";
                if (l < 4 && !SameBits(s, r128[l])) { FailBits(s, r128[l], $"{at} V128"); }
                if (l < 8 && !SameBits(s, r256[l])) { FailBits(s, r256[l], $"{at} V256"); }
                if (!SameBits(s, r512[l])) { FailBits(s, r512[l], $"{at} V512"); }
            }
        }
    }

    private static void CheckUnary<TOp>(VectorWidth w)
        where TOp : IUnaryOperator
    {
        var rng = new Random(1234 + (int)w);
        for (int n = 0; n <= MaxLength; n++)
        {
            float[] x = LaneInputs(rng, n + 1);
            float[] d = Guarded(n, Sentinel);
            Drive.Unary<TOp>(x.AsSpan(1), d.AsSpan(0, n), w);
            for (int i = 0; i < n; i++)
            {
                float expected = TOp.Invoke(x[i + 1]);
                if (!SameBits(expected, d[i]))
                {
                    FailBits(expected, d[i], $"{typeof(TOp).Name} {w} n={n} i={i} x={Show(x[i + 1])}");
                }
            }

            AssertGuardIntact(d, n, Sentinel, $"{typeof(TOp).Name} {w} n={n}");

            // In place: the overlapping tail must still read the original inputs.
            float[] z = (float[])x.Clone();
            Drive.Unary<TOp>(z.AsSpan(1, n), z.AsSpan(1, n), w);
            for (int i = 0; i < n; i++)
            {
                if (!SameBits(TOp.Invoke(x[i + 1]), z[i + 1]))
                {
                    FailBits(TOp.Invoke(x[i + 1]), z[i + 1], $"{typeof(TOp).Name} in place {w} n={n} i={i}");
                }
            }
        }
    }

    private static void CheckBinary<TOp>(VectorWidth w)
        where TOp : IBinaryOperator
    {
        var rng = new Random(4321 + (int)w);
        for (int n = 0; n <= MaxLength; n++)
        {
            float[] x = LaneInputs(rng, n + 1), y = LaneInputs(rng, n + 1);
            string name = $"{typeof(TOp).Name} {w} n={n}";
            float s = ScalarOperands[n % ScalarOperands.Length];

            float[] d = Guarded(n, Sentinel);
            Drive.Binary<TOp>(x.AsSpan(1), y.AsSpan(1), d.AsSpan(0, n), w);
            AssertAll(n, i => TOp.Invoke(x[i + 1], y[i + 1]), d, $"{name} span/span");
            AssertGuardIntact(d, n, Sentinel, name);

            d = Guarded(n, Sentinel);
            Drive.Binary<TOp>(x.AsSpan(1), s, d.AsSpan(0, n), w);
            AssertAll(n, i => TOp.Invoke(x[i + 1], s), d, $"{name} span/scalar({s})");
            AssertGuardIntact(d, n, Sentinel, name);

            d = Guarded(n, Sentinel);
            Drive.Binary<TOp>(s, y.AsSpan(1), d.AsSpan(0, n), w);
            AssertAll(n, i => TOp.Invoke(s, y[i + 1]), d, $"{name} scalar({s})/span");
            AssertGuardIntact(d, n, Sentinel, name);
        }
    }

    private static void AssertAll(int n, Func<int, float> expected, float[] actual, string context)
    {
        for (int i = 0; i < n; i++)
        {
            float e = expected(i);
            if (!SameBits(e, actual[i]))
            {
                FailBits(e, actual[i], $"{context} i={i}");
            }
        }
    }

    // Unravel the output index, then re-ravel into each input with size-1 dims pinned to 0.
    private static (int X, int Y) BroadcastIndex(int o, int[] xs, int[] ys, int[] os)
    {
        var index = new int[os.Length];
        for (int d = os.Length - 1; d >= 0; d--)
        {
            index[d] = o % os[d];
            o /= os[d];
        }

        return (Ravel(index, xs), Ravel(index, ys));
    }

    internal static int Ravel(int[] outIndex, int[] shape)
    {
        int offset = outIndex.Length - shape.Length, linear = 0;
        for (int d = 0; d < shape.Length; d++)
        {
            linear = (linear * shape[d]) + (shape[d] == 1 ? 0 : outIndex[d + offset]);
        }

        return linear;
    }
}
