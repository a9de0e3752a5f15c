namespace TorchJit.Kernels.Tests;

/// <summary>Linear and MatMul against double-precision references (atol 1e-4 + rtol 1e-4) and against the documented orders.</summary>
public sealed class GemmTests
{
    public static TheoryData<VectorWidth> Widths => TestWidths.Data;

    private static IEnumerable<(int M, int K, int N)> Shapes(int seed)
    {
        var rng = new Random(seed);
        for (int t = 0; t < 40; t++)
        {
            yield return (rng.Next(1, 41), rng.Next(1, 41), rng.Next(1, 41));
        }

        yield return (1, 784, 128);
        yield return (3, 784, 128);
        yield return (Gemm.LinearDotRows - 1, 300, 19);
        yield return (Gemm.LinearDotRows, 300, 19);
        yield return (2, 0, 5);
        yield return (5, 3, 1);
        yield return (4, 16, 16);
    }

    [Theory, MemberData(nameof(Widths))]
    public void Linear_matches_double_reference_with_and_without_bias(VectorWidth w)
    {
        var rng = new Random(100 + (int)w);
        foreach (var (m, k, n) in Shapes(1))
        {
            float[] x = TestData.Uniform(rng, m * k), wt = TestData.Uniform(rng, n * k), bias = TestData.Uniform(rng, n);
            foreach (bool withBias in new[] { false, true })
            {
                ReadOnlySpan<float> b = withBias ? bias : [];
                float[] d = TestData.Guarded(m * n, TestData.Sentinel);
                Drive.Linear(x, wt, b, d.AsSpan(0, m * n), m, k, n, w);
                TestData.AssertGuardIntact(d, m * n, TestData.Sentinel, $"Linear {w} {m}x{k}x{n}");
                for (int i = 0; i < m; i++)
                {
                    for (int j = 0; j < n; j++)
                    {
                        double expected = withBias ? bias[j] : 0;
                        for (int kk = 0; kk < k; kk++)
                        {
                            expected += (double)x[(i * k) + kk] * wt[(j * k) + kk];
                        }

                        if (!IsClose(expected, d[(i * n) + j]))
                        {
                            Assert.Fail($"Linear {w} {m}x{k}x{n} bias={withBias} [{i},{j}]: expected {expected}, got {d[(i * n) + j]}");
                        }

                        // And bit for bit the order of Note [Linear order]: the packed chain from LinearDotRows rows
                        // up, the dot-product lanes of Note [Linear dot order] below.
                        float model = m >= Gemm.LinearDotRows && n >= Gemm.LinearDotColumns
                            ? GemmModel.Chain(x.AsSpan(i * k, k), 1, wt.AsSpan(j * k, k), 1, k, 1f, 0f)
                            : LaneModel.Dot(x.AsSpan(i * k, k), wt.AsSpan(j * k, k), TestWidths.EffectiveLanes(w, k));
                        if (!TestData.SameBits(withBias ? model + bias[j] : model, d[(i * n) + j]))
                        {
                            TestData.FailBits(withBias ? model + bias[j] : model, d[(i * n) + j], $"Linear order {w} {m}x{k}x{n} [{i},{j}]");
                        }
                    }
                }
            }
        }
    }

    [Theory, MemberData(nameof(Widths))]
    public void Linear_tail_mask_does_not_turn_zero_times_infinity_into_nan(VectorWidth w)
    {
        // k = 21: the overlapping tail chunk re-reads elements 17..19 at V128, 13..15 at V256 and 5..15 at
        // V512. Masking x there (0 * inf) instead of keeping the old accumulator would give NaN, not +inf.
        const int k = 21;
        float[] x = new float[k], wt = new float[k];
        Array.Fill(x, 0.5f);
        Array.Fill(wt, 1f);
        wt[14] = float.PositiveInfinity;
        wt[18] = float.PositiveInfinity;
        var d = new float[2];
        Drive.Linear([.. x, .. x], wt, [], d, 2, k, 1, w);
        Assert.Equal(float.PositiveInfinity, d[0]);
        Assert.Equal(float.PositiveInfinity, d[1]);
    }

    [Theory, MemberData(nameof(Widths))]
    public void MatMul_matches_double_reference_and_is_the_same_at_every_width(VectorWidth w)
    {
        var rng = new Random(200 + (int)w);
        foreach (var (m, k, n) in Shapes(2))
        {
            float[] a = TestData.Uniform(rng, m * k), b = TestData.Uniform(rng, k * n);
            float[] c = TestData.Guarded(m * n, TestData.Sentinel);
            Drive.MatMul(a, b, c.AsSpan(0, m * n), m, k, n, w);
            TestData.AssertGuardIntact(c, m * n, TestData.Sentinel, $"MatMul {w} {m}x{k}x{n}");
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    double expected = 0;
                    float chain = 0f; // Note [MatMul order]: one fma chain over k, identical at every width.
                    for (int kk = 0; kk < k; kk++)
                    {
                        expected += (double)a[(i * k) + kk] * b[(kk * n) + j];
                        chain = MathF.FusedMultiplyAdd(a[(i * k) + kk], b[(kk * n) + j], chain);
                    }

                    if (!IsClose(expected, c[(i * n) + j]))
                    {
                        Assert.Fail($"MatMul {w} {m}x{k}x{n} [{i},{j}]: expected {expected}, got {c[(i * n) + j]}");
                    }
                    if (!TestData.SameBits(chain, c[(i * n) + j]))
                    {
                        TestData.FailBits(chain, c[(i * n) + j], $"MatMul order {w} {m}x{k}x{n} [{i},{j}]");
                    }
                }
            }
        }
    }

    [Fact]
    public void Linear_rejects_bad_sizes_naming_them()
    {
        float[] x = new float[6], wt = new float[12], b = new float[4], d = new float[8];
        Gemm.Linear(x, wt, b, d, 2, 3, 4); // the valid call, for contrast
        var e = Assert.Throws<ArgumentException>(() => Gemm.Linear(new float[5], wt, b, d, 2, 3, 4));
        Assert.Contains("x has 5 elements but m * k = 2 * 3 = 6", e.Message);
        e = Assert.Throws<ArgumentException>(() => Gemm.Linear(x, new float[11], b, d, 2, 3, 4));
        Assert.Contains("weight has 11 elements but n * k = 4 * 3 = 12", e.Message);
        e = Assert.Throws<ArgumentException>(() => Gemm.Linear(x, wt, new float[3], d, 2, 3, 4));
        Assert.Contains("bias has 3 elements", e.Message);
        e = Assert.Throws<ArgumentException>(() => Gemm.Linear(x, wt, b, new float[9], 2, 3, 4));
        Assert.Contains("dest has 9 elements but m * n = 2 * 4 = 8", e.Message);
        Assert.ThrowsAny<ArgumentException>(() => Gemm.Linear([], [], [], [], -1, 0, 0));
    }

    [Fact]
    public void MatMul_rejects_bad_sizes_naming_them()
    {
        float[] a = new float[6], b = new float[12], c = new float[8];
        Gemm.MatMul(a, b, c, 2, 3, 4);
        var e = Assert.Throws<ArgumentException>(() => Gemm.MatMul(new float[7], b, c, 2, 3, 4));
        Assert.Contains("a has 7 elements but m * k = 2 * 3 = 6", e.Message);
        e = Assert.Throws<ArgumentException>(() => Gemm.MatMul(a, new float[13], c, 2, 3, 4));
        Assert.Contains("b has 13 elements but k * n = 3 * 4 = 12", e.Message);
        e = Assert.Throws<ArgumentException>(() => Gemm.MatMul(a, b, new float[7], 2, 3, 4));
        Assert.Contains("c has 7 elements but m * n = 2 * 4 = 8", e.Message);
        Assert.ThrowsAny<ArgumentException>(() => Gemm.MatMul([], [], [], 0, -2, 0));
    }

    [Fact]
    public void Empty_k_gives_bias_or_zero()
    {
        var d = new float[6];
        Array.Fill(d, 9f);
        Gemm.Linear([], [], [1f, 2f, 3f], d, 2, 0, 3);
        Assert.Equal(new[] { 1f, 2f, 3f, 1f, 2f, 3f }, d);
        Gemm.MatMul([], [], d, 2, 0, 3);
        Assert.All(d, v => Assert.Equal(0, BitConverter.SingleToInt32Bits(v)));
    }

    // atol 1e-4 + rtol 1e-4 against the double-precision reference.
    private static bool IsClose(double expected, float actual) =>
        Math.Abs(actual - expected) <= 1e-4 + (1e-4 * Math.Abs(expected));
}
