namespace TorchJit.Kernels.Tests;

/// <summary>Pooling against float64 transcriptions of PyTorch's CPU loops (Note [Conv test tolerance]; maxima must match exactly).</summary>
public sealed class PoolingTests
{
    public static TheoryData<VectorWidth> Widths => TestWidths.Data;

    private static bool ViaPublicApi(VectorWidth w) => w == VectorWidths.Resolve(VectorWidth.Best);

    /// <summary>Random valid windows: pad at most half the kernel, output at least 1.</summary>
    private static IEnumerable<(int N, int C, int H, int W, int KH, int KW, int SH, int SW, int PH, int PW, int DH, int DW, bool Ceil)> Windows(Random rng, int count, bool dilate)
    {
        yield return (1, 16, 32, 32, 2, 2, 2, 2, 0, 0, 1, 1, false); // the zoo's MaxPool 2
        yield return (2, 3, 7, 9, 3, 3, 2, 2, 1, 1, 1, 1, true);     // ResNet-style 3x3 s2 p1, odd sizes, ceil
        yield return (1, 2, 5, 5, 2, 2, 2, 2, 0, 0, 1, 1, true);     // ceil adds a window that starts inside
        yield return (1, 2, 3, 3, 2, 2, 2, 2, 1, 1, 1, 1, true);     // ceil's extra window would start in the padding: dropped
        yield return (1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, false);    // 1x1
        yield return (0, 3, 4, 4, 2, 2, 2, 2, 0, 0, 1, 1, false);    // empty batch
        yield return (1, 2, 6, 40, 3, 2, 1, 2, 1, 1, 1, 1, false);   // asymmetric, wide
        yield return (2, 3, 9, 21, 2, 2, 2, 2, 0, 0, 1, 1, false);   // 2x2/2 short cut: odd sizes drop a row and column
        yield return (1, 2, 8, 20, 2, 2, 2, 2, 0, 0, 1, 1, true);    // 2x2/2 short cut in ceil mode (no overhang)
        yield return (1, 2, 4, 6, 2, 2, 2, 2, 0, 0, 1, 1, false);    // 2x2/2 narrower than a V256 vector
        int made = 0;
        while (made < count)
        {
            int kH = rng.Next(1, 5), kW = rng.Next(1, 5);
            int dH = dilate ? rng.Next(1, 3) : 1, dW = dilate ? rng.Next(1, 3) : 1;
            int pH = rng.Next(0, (kH / 2) + 1), pW = rng.Next(0, (kW / 2) + 1);
            int h = rng.Next(1, 12), w = rng.Next(1, 30);
            int sH = rng.Next(1, 4), sW = rng.Next(1, 4);
            bool ceil = rng.Next(2) == 0;
            if (Pooling.OutputSize(h, kH, sH, pH, dH, ceil) < 1 || Pooling.OutputSize(w, kW, sW, pW, dW, ceil) < 1)
            {
                continue;
            }

            made++;
            yield return (rng.Next(1, 3), rng.Next(1, 4), h, w, kH, kW, sH, sW, pH, pW, dH, dW, ceil);
        }
    }

    private static float[] Input(Random rng, int length, bool specials)
    {
        float[] x = TestData.Uniform(rng, length);
        if (specials)
        {
            for (int i = 0; i < length; i++)
            {
                int r = rng.Next(40);
                x[i] = r == 0 ? float.NaN : r == 1 ? float.PositiveInfinity : r == 2 ? float.NegativeInfinity : x[i];
            }
        }

        return x;
    }

    [Theory, MemberData(nameof(Widths))]
    public void MaxPool2d_matches_reference_including_nan_and_infinities(VectorWidth width)
    {
        var rng = new Random(30 + (int)width);
        foreach (var (n, c, h, w, kH, kW, sH, sW, pH, pW, dH, dW, ceil) in Windows(new Random(3), 120, dilate: true))
        {
            float[] x = Input(rng, n * c * h * w, specials: true);
            int outH = Pooling.OutputSize(h, kH, sH, pH, dH, ceil), outW = Pooling.OutputSize(w, kW, sW, pW, dW, ceil);
            int length = n * c * outH * outW;
            float[] y = TestData.Guarded(length, TestData.Sentinel);
            int gotH, gotW;
            if (ViaPublicApi(width))
            {
                Pooling.MaxPool2d(x, n, c, h, w, kH, kW, sH, sW, pH, pW, dH, dW, ceil, y.AsSpan(0, length), out gotH, out gotW);
            }
            else
            {
                Pooling.MaxPool2dAt(x, n, c, h, w, kH, kW, sH, sW, pH, pW, dH, dW, ceil, y.AsSpan(0, length), out gotH, out gotW, width);
            }

            string context = $"{width} max n{n} c{c} {h}x{w} k{kH}x{kW} s{sH}x{sW} p{pH}x{pW} d{dH}x{dW} ceil={ceil}";
            Assert.Equal((outH, outW), (gotH, gotW));
            TestData.AssertGuardIntact(y, length, TestData.Sentinel, context);
            double[] expected = PoolingReference.MaxPool2d(x, n, c, h, w, kH, kW, sH, sW, pH, pW, dH, dW, outH, outW);
            for (int i = 0; i < length; i++)
            {
                if (!(double.IsNaN(expected[i]) ? float.IsNaN(y[i]) : expected[i] == y[i]))
                {
                    Assert.Fail($"{context} [{i}]: expected {expected[i]:R}, got {y[i]:R}");
                }
            }
        }
    }

    [Fact]
    public void MaxPool2d_propagates_nan_only_into_the_windows_that_contain_it()
    {
        float[] x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];
        x[5] = float.NaN; // row 1, column 1: only the top-left 2x2 window
        var y = new float[4];
        Pooling.MaxPool2d(x, 1, 1, 4, 4, 2, 2, 2, 2, 0, 0, 1, 1, false, y, out _, out _);
        Assert.True(float.IsNaN(y[0]));
        Assert.Equal([8f, 14f, 16f], y[1..]);

        // Whatever the order, a NaN after a larger value still wins (PyTorch: val > max || isnan(val)).
        float[] row = [float.PositiveInfinity, float.NaN, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];
        var z = new float[6];
        Pooling.MaxPool2d(row, 1, 1, 1, 18, 1, 3, 1, 3, 0, 0, 1, 1, false, z, out _, out _);
        Assert.True(float.IsNaN(z[0]));
        Assert.Equal([4f, 7f, 10f, 13f, 16f], z[1..]);
    }

    [Theory, MemberData(nameof(Widths))]
    public void AvgPool2d_matches_reference_with_and_without_counting_padding(VectorWidth width)
    {
        var rng = new Random(40 + (int)width);
        foreach (var (n, c, h, w, kH, kW, sH, sW, pH, pW, _, _, ceil) in Windows(new Random(4), 120, dilate: false))
        {
            float[] x = Input(rng, n * c * h * w, specials: false);
            int outH = Pooling.OutputSize(h, kH, sH, pH, 1, ceil), outW = Pooling.OutputSize(w, kW, sW, pW, 1, ceil);
            int length = n * c * outH * outW;
            foreach (bool countPad in new[] { true, false })
            {
                float[] y = TestData.Guarded(length, TestData.Sentinel);
                if (ViaPublicApi(width))
                {
                    Pooling.AvgPool2d(x, n, c, h, w, kH, kW, sH, sW, pH, pW, ceil, countPad, y.AsSpan(0, length), out _, out _);
                }
                else
                {
                    Pooling.AvgPool2dAt(x, n, c, h, w, kH, kW, sH, sW, pH, pW, ceil, countPad, y.AsSpan(0, length), out _, out _, width);
                }

                string context = $"{width} avg n{n} c{c} {h}x{w} k{kH}x{kW} s{sH}x{sW} p{pH}x{pW} ceil={ceil} countPad={countPad}";
                TestData.AssertGuardIntact(y, length, TestData.Sentinel, context);
                ConvReference.AssertClose(PoolingReference.AvgPool2d(x, n, c, h, w, kH, kW, sH, sW, pH, pW, countPad, outH, outW), y.AsSpan(0, length), context);
            }
        }
    }

    [Fact]
    public void AvgPool2d_ceil_overhang_is_not_counted_even_with_count_include_pad()
    {
        // 1x5 input, kernel 1x2, stride 2, no padding, ceil: the last window [4, 6) hangs past the input;
        // PyTorch clips it to the padded input first, so its divisor is 1, not 2.
        float[] x = [1, 2, 3, 4, 5];
        var y = new float[3];
        Pooling.AvgPool2d(x, 1, 1, 1, 5, 1, 2, 1, 2, 0, 0, ceilMode: true, countIncludePad: true, y, out _, out int outW);
        Assert.Equal(3, outW);
        Assert.Equal([1.5f, 3.5f, 5f], y);

        // With padding 1 and count_include_pad the left window's divisor counts the pad: (0 + 1) / 2.
        var z = new float[3];
        Pooling.AvgPool2d(x, 1, 1, 1, 5, 1, 2, 1, 2, 0, 1, ceilMode: false, countIncludePad: true, z, out _, out _);
        Assert.Equal([0.5f, 2.5f, 4.5f], z);
        Pooling.AvgPool2d(x, 1, 1, 1, 5, 1, 2, 1, 2, 0, 1, ceilMode: false, countIncludePad: false, z, out _, out _);
        Assert.Equal([1f, 2.5f, 4.5f], z);
    }

    [Theory, MemberData(nameof(Widths))]
    public void AdaptiveAvgPool2d_matches_reference_for_non_divisible_sizes(VectorWidth width)
    {
        var rng = new Random(50 + (int)width);
        var cases = new List<(int, int, int, int, int, int)> { (1, 3, 7, 7, 1, 1), (2, 2, 5, 7, 3, 2), (1, 1, 3, 4, 5, 7), (1, 2, 10, 9, 4, 4) };
        for (int t = 0; t < 60; t++)
        {
            cases.Add((rng.Next(1, 3), rng.Next(1, 4), rng.Next(1, 13), rng.Next(1, 25), rng.Next(1, 8), rng.Next(1, 8)));
        }

        foreach (var (n, c, h, w, oh, ow) in cases)
        {
            float[] x = TestData.Uniform(rng, n * c * h * w);
            int length = n * c * oh * ow;
            float[] y = TestData.Guarded(length, TestData.Sentinel);
            if (ViaPublicApi(width))
            {
                Pooling.AdaptiveAvgPool2d(x, n, c, h, w, oh, ow, y.AsSpan(0, length));
            }
            else
            {
                Pooling.AdaptiveAvgPool2dAt(x, n, c, h, w, oh, ow, y.AsSpan(0, length), width);
            }

            string context = $"{width} adaptive n{n} c{c} {h}x{w} -> {oh}x{ow}";
            TestData.AssertGuardIntact(y, length, TestData.Sentinel, context);
            ConvReference.AssertClose(PoolingReference.AdaptiveAvgPool2d(x, n, c, h, w, oh, ow), y.AsSpan(0, length), context);
        }
    }

    [Theory]
    [InlineData(5, 2, 2, 0, 1, false, 2)]
    [InlineData(5, 2, 2, 0, 1, true, 3)]  // ceil: a third window starting at 4, inside the input
    [InlineData(3, 2, 2, 1, 1, true, 2)]  // ceil's third window would start at 4 = input + left pad: dropped
    [InlineData(6, 1, 2, 0, 1, true, 3)]  // likewise, with no padding at all
    [InlineData(7, 3, 2, 1, 1, true, 4)]
    [InlineData(10, 3, 1, 1, 2, false, 8)] // dilation 2: effective kernel 5
    [InlineData(2, 3, 1, 0, 1, false, 0)]  // does not fit: 0, which the kernels reject
    public void OutputSize_follows_pytorch_pooling_output_shape(int input, int k, int s, int p, int d, bool ceil, int expected) =>
        Assert.Equal(expected, Pooling.OutputSize(input, k, s, p, d, ceil));

    [Fact]
    public void Bad_pooling_arguments_throw_naming_the_sizes()
    {
        var x = new float[16];
        var y = new float[16];
        var e = Assert.Throws<ArgumentException>(() => Pooling.MaxPool2d(x, 1, 1, 4, 4, 2, 2, 2, 2, 2, 0, 1, 1, false, y, out _, out _));
        Assert.Contains("padH = 2", e.Message);
        e = Assert.Throws<ArgumentException>(() => Pooling.MaxPool2d(x, 1, 1, 4, 4, 5, 5, 1, 1, 0, 0, 1, 1, false, y, out _, out _));
        Assert.Contains("(1 x 4 x 4)", e.Message);
        e = Assert.Throws<ArgumentException>(() => Pooling.AvgPool2d(x, 1, 1, 4, 4, 2, 2, 0, 2, 0, 0, false, true, y, out _, out _));
        Assert.Contains("stride", e.Message);
        e = Assert.Throws<ArgumentException>(() => Pooling.MaxPool2d(x, 1, 1, 4, 4, 2, 2, 2, 2, 0, 0, 1, 1, false, y, out _, out _));
        Assert.Contains("has 16 elements", e.Message); // y must be 1 x 1 x 2 x 2
        e = Assert.Throws<ArgumentException>(() => Pooling.OutputSize(10, 3, 1, 2, 1, false));
        Assert.Contains("pad = 2", e.Message);
        e = Assert.Throws<ArgumentException>(() => Pooling.AdaptiveAvgPool2d(x, 1, 1, 4, 4, -1, 2, y));
        Assert.Contains("output height", e.Message);
    }
}
