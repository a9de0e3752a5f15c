namespace TorchJit.Kernels.Tests;

/// <summary>
/// layer_norm, batch_norm (inference) and group_norm against float64, every width and every combination of
/// missing gamma/beta. Tolerance: PyTorch's fp32 assert_close (rtol 1.3e-6, atol 1e-5) per element. Half the
/// inputs carry an offset of 1000 over a spread of about 0.6 (and groups of two elements can have a far
/// smaller spread): plain float32 x - mean would then be off by up to half an ulp of 1000 (3e-5) before
/// normalizing, beyond atol; the meanLow correction of Note [Two-pass variance] is what keeps this within
/// the plain fp32 tolerance.
/// </summary>
public sealed class NormalizationTests
{
    private const float Eps = 1e-5f;

    public static TheoryData<VectorWidth> Widths => TestWidths.Data;

    [Theory, MemberData(nameof(Widths))]
    public void Layer_norm_matches_float64(VectorWidth w)
    {
        var rng = new Random(41 + (int)w);
        foreach (int rows in new[] { 0, 1, 2, 3, 5, 8, 17 })
        {
            foreach (int cols in new[] { 0, 1, 2, 3, 5, 8, 17, 64, 257, 768 })
            {
                float[] x = ReductionTolerance.Data(rng, rows * cols, offset: rows % 2 == 0 ? 1000f : 0f);
                foreach (var (gamma, beta) in Affine(rng, cols))
                {
                    float[] d = TestData.Guarded(x.Length, TestData.Sentinel);
                    RunLayerNorm(x, rows, cols, gamma, beta, d.AsSpan(0, x.Length), w);
                    TestData.AssertGuardIntact(d, x.Length, TestData.Sentinel, $"LayerNorm {rows}x{cols} {w}");
                    for (int r = 0; r < rows; r++)
                    {
                        var (mean, rstd) = Stats(x, r * cols, cols);
                        for (int j = 0; j < cols; j++)
                        {
                            double expected = Affine((x[(r * cols) + j] - mean) * rstd, gamma, beta, j);
                            ReductionTolerance.AssertClose(expected, d[(r * cols) + j], ReductionTolerance.Rtol,
                                $"LayerNorm {rows}x{cols} gamma={gamma.Length} beta={beta.Length} {w} ({r}, {j})");
                        }
                    }
                }
            }
        }
    }

    [Theory, MemberData(nameof(Widths))]
    public void Batch_norm_inference_matches_float64(VectorWidth w)
    {
        var rng = new Random(42 + (int)w);
        foreach (int n in new[] { 0, 1, 2, 3 })
        {
            foreach (int c in new[] { 1, 2, 3, 5, 17, 300 })
            {
                foreach (int spatial in new[] { 0, 1, 2, 3, 5, 8, 17, 64 })
                {
                    float[] x = ReductionTolerance.Data(rng, n * c * spatial, scale: 3f);
                    float[] mean = ReductionTolerance.Data(rng, c);
                    float[] variance = ReductionTolerance.Data(rng, c, offset: 1.5f);
                    foreach (var (gamma, beta) in Affine(rng, c))
                    {
                        var d = new float[x.Length];
                        RunBatchNorm(x, n, c, spatial, mean, variance, gamma, beta, d, w);
                        for (int s = 0; s < n; s++)
                        {
                            for (int ch = 0; ch < c; ch++)
                            {
                                double rstd = 1 / Math.Sqrt((double)variance[ch] + Eps);
                                for (int p = 0; p < spatial; p++)
                                {
                                    int at = (((s * c) + ch) * spatial) + p;
                                    double expected = Affine((x[at] - (double)mean[ch]) * rstd, gamma, beta, ch);
                                    ReductionTolerance.AssertClose(expected, d[at], ReductionTolerance.Rtol,
                                        $"BatchNorm [{n}, {c}, {spatial}] gamma={gamma.Length} beta={beta.Length} {w} ({s}, {ch}, {p})");
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    [Theory, MemberData(nameof(Widths))]
    public void Group_norm_matches_float64(VectorWidth w)
    {
        var rng = new Random(43 + (int)w);
        foreach (int n in new[] { 0, 1, 2, 3 })
        {
            foreach (var (c, groups) in new[] { (1, 1), (2, 1), (2, 2), (6, 3), (8, 2), (17, 17), (64, 8), (12, 4) })
            {
                foreach (int spatial in new[] { 0, 1, 2, 3, 5, 8, 17, 64 })
                {
                    float[] x = ReductionTolerance.Data(rng, n * c * spatial, offset: c % 2 == 0 ? 1000f : 0f);
                    foreach (var (gamma, beta) in Affine(rng, c))
                    {
                        var d = new float[x.Length];
                        RunGroupNorm(x, n, c, spatial, groups, gamma, beta, d, w);
                        int perGroup = c / groups;
                        for (int s = 0; s < n; s++)
                        {
                            for (int g = 0; g < groups; g++)
                            {
                                int start = ((s * c) + (g * perGroup)) * spatial;
                                var (mean, rstd) = Stats(x, start, perGroup * spatial);
                                for (int k = 0; k < perGroup * spatial; k++)
                                {
                                    int ch = (g * perGroup) + (k / spatial);
                                    double expected = Affine((x[start + k] - mean) * rstd, gamma, beta, ch);
                                    ReductionTolerance.AssertClose(expected, d[start + k], ReductionTolerance.Rtol,
                                        $"GroupNorm [{n}, {c}, {spatial}] groups={groups} gamma={gamma.Length} beta={beta.Length} {w} ({s}, {start + k})");
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    [Theory, MemberData(nameof(Widths))]
    public void Constant_rows_give_beta_and_nan_or_infinity_poison_only_their_row(VectorWidth w)
    {
        foreach (int cols in new[] { 3, 20, 768 })
        {
            var x = new float[3 * cols];
            Array.Fill(x, 7.25f, 0, cols);                       // row 0: constant -> var 0 -> (x - mean) = 0 -> beta
            ReductionTolerance.Data(new Random(cols), cols).CopyTo(x, cols);
            x[cols + (cols / 2)] = float.NaN;                     // row 1: NaN
            ReductionTolerance.Data(new Random(cols + 1), cols).CopyTo(x, 2 * cols);
            x[2 * cols] = float.PositiveInfinity;                 // row 2: +inf -> inf - inf = NaN
            float[] gamma = ReductionTolerance.Data(new Random(1), cols);
            float[] beta = ReductionTolerance.Data(new Random(2), cols);
            var d = new float[x.Length];
            RunLayerNorm(x, 3, cols, gamma, beta, d, w);
            for (int j = 0; j < cols; j++)
            {
                Assert.Equal(beta[j], d[j]);
                Assert.True(float.IsNaN(d[cols + j]), $"NaN row {cols} {w}");
                Assert.True(float.IsNaN(d[(2 * cols) + j]), $"inf row {cols} {w}");
            }
        }
    }

    [Theory, MemberData(nameof(Widths))]
    public void Two_calls_give_identical_bits(VectorWidth w)
    {
        var rng = new Random(44);
        float[] x = ReductionTolerance.Data(rng, 4 * 12 * 49, offset: 2f);
        float[] g = ReductionTolerance.Data(rng, 588);
        float[] b = ReductionTolerance.Data(rng, 588);
        var first = new float[x.Length];
        var second = new float[x.Length];
        RunLayerNorm(x, 4, 588, g, b, first, w);
        RunLayerNorm(x, 4, 588, g, b, second, w);
        ReductionAxisTests.AssertSameBits(first, second, $"LayerNorm {w}");
        RunGroupNorm(x, 4, 12, 49, 3, g.AsSpan(0, 12).ToArray(), b.AsSpan(0, 12).ToArray(), first, w);
        RunGroupNorm(x, 4, 12, 49, 3, g.AsSpan(0, 12).ToArray(), b.AsSpan(0, 12).ToArray(), second, w);
        ReductionAxisTests.AssertSameBits(first, second, $"GroupNorm {w}");
    }

    [Fact]
    public void Bad_sizes_name_the_kernel_and_the_sizes()
    {
        var e = Assert.Throws<ArgumentException>(() => Normalization.GroupNorm(new float[24], 1, 6, 4, 4, [], [], Eps, new float[24]));
        Assert.Contains("GroupNorm: c = 6 channels cannot be split into groups = 4", e.Message);
        Assert.Throws<ArgumentException>(() => Normalization.GroupNorm(new float[24], 1, 6, 4, 0, [], [], Eps, new float[24]));
        e = Assert.Throws<ArgumentException>(() => Normalization.LayerNorm(new float[12], 3, 4, new float[3], [], Eps, new float[12]));
        Assert.Contains("LayerNorm: gamma has 3 elements but must be empty or have cols = 4", e.Message);
        e = Assert.Throws<ArgumentException>(() => Normalization.LayerNorm(new float[12], 3, 5, [], [], Eps, new float[12]));
        Assert.Contains("LayerNorm: x has 12 elements but rows * cols = 3 * 5 = 15", e.Message);
        e = Assert.Throws<ArgumentException>(() =>
            Normalization.BatchNormInference(new float[12], 2, 3, 2, new float[3], new float[2], [], [], Eps, new float[12]));
        Assert.Contains("BatchNormInference: runningMean and runningVar must have c = 3 elements, got 3 and 2", e.Message);
        var buffer = new float[12];
        e = Assert.Throws<ArgumentException>(() => Normalization.LayerNorm(buffer, 3, 4, [], [], Eps, buffer));
        Assert.Contains("must not overlap", e.Message);
    }

    private static IEnumerable<(float[] Gamma, float[] Beta)> Affine(Random rng, int count)
    {
        float[] gamma = ReductionTolerance.Data(rng, count, offset: 1f);
        float[] beta = ReductionTolerance.Data(rng, count);
        yield return ([], []);
        yield return (gamma, []);
        yield return ([], beta);
        yield return (gamma, beta);
    }

    private static double Affine(double t, float[] gamma, float[] beta, int k) =>
        (t * (gamma.Length != 0 ? gamma[k] : 1)) + (beta.Length != 0 ? beta[k] : 0);

    private static (double Mean, double Rstd) Stats(float[] x, int start, int count)
    {
        double mean = 0;
        for (int k = 0; k < count; k++)
        {
            mean += x[start + k];
        }

        mean /= count;
        double m2 = 0;
        for (int k = 0; k < count; k++)
        {
            m2 += (x[start + k] - mean) * (x[start + k] - mean);
        }

        return (mean, 1 / Math.Sqrt((m2 / count) + Eps));
    }

    private static void RunLayerNorm(float[] x, int rows, int cols, float[] g, float[] b, Span<float> d, VectorWidth w)
    {
        if (TestWidths.IsEmulated(w)) { Normalization.LayerNormAt(x, rows, cols, g, b, Eps, d, w); }
        else { Normalization.LayerNorm(x, rows, cols, g, b, Eps, d, w); }
    }

    private static void RunBatchNorm(float[] x, int n, int c, int spatial, float[] mean, float[] variance, float[] g, float[] b, Span<float> d, VectorWidth w)
    {
        if (TestWidths.IsEmulated(w)) { Normalization.BatchNormInferenceAt(x, n, c, spatial, mean, variance, g, b, Eps, d, w); }
        else { Normalization.BatchNormInference(x, n, c, spatial, mean, variance, g, b, Eps, d, w); }
    }

    private static void RunGroupNorm(float[] x, int n, int c, int spatial, int groups, float[] g, float[] b, Span<float> d, VectorWidth w)
    {
        if (TestWidths.IsEmulated(w)) { Normalization.GroupNormAt(x, n, c, spatial, groups, g, b, Eps, d, w); }
        else { Normalization.GroupNorm(x, n, c, spatial, groups, g, b, Eps, d, w); }
    }
}
