namespace TorchJit.Kernels.Tests;

/// <summary>Conv2d and Conv1d against a float64 direct convolution (Note [Conv test tolerance]).</summary>
public sealed class ConvTests
{
    public static TheoryData<VectorWidth> Widths => TestWidths.Data;

    private static void Run(float[] x, PackedConvWeights w, ReadOnlySpan<float> bias, Span<float> y, in Conv2dGeometry g, bool relu, VectorWidth width)
    {
        // The widest accelerated width through the public entry point, every other width through the internal one.
        if (width == VectorWidths.Resolve(VectorWidth.Best))
        {
            Conv.Conv2d(x, w, bias, y, g, relu);
        }
        else
        {
            Conv.Conv2dAt(x, w, bias, y, g, relu, width);
        }
    }

    /// <summary>Random valid geometries, biased towards the shapes with their own algorithm.</summary>
    private static List<Conv2dGeometry> Geometries(int seed, int count)
    {
        var rng = new Random(seed);
        var list = new List<Conv2dGeometry>
        {
            new(1, 3, 8, 8, 16, 3, 3, PadH: 1, PadW: 1),                    // 3x3 pad 1, Direct
            new(2, 5, 7, 9, 6, 3, 3, PadH: 1, PadW: 1),                     // odd sizes, batch 2, partial oc block
            new(1, 4, 6, 6, 8, 1, 1),                                       // pointwise
            new(2, 6, 5, 5, 9, 1, 1, Groups: 3),                            // grouped pointwise
            new(1, 6, 9, 9, 6, 3, 3, PadH: 1, PadW: 1, Groups: 6),          // depthwise
            new(1, 4, 10, 11, 8, 3, 3, StrideH: 2, StrideW: 2, PadH: 1, PadW: 1, Groups: 4), // depthwise x2, stride 2
            new(1, 3, 9, 10, 4, 3, 3, DilationH: 2, DilationW: 3, PadH: 2, PadW: 1), // dilation, im2col
            new(1, 4, 9, 7, 6, 3, 2, StrideH: 2, StrideW: 1, PadH: 0, PadW: 1, Groups: 2), // asymmetric
            new(1, 2, 5, 5, 3, 5, 5, PadH: 2, PadW: 2),                     // kernel as large as the input
            new(1, 2, 3, 2, 3, 2, 2),                                       // output narrower than a vector
            new(1, 1, 12, 40, 2, 3, 3, PadH: 1, PadW: 1),                   // one input channel: Depthwise path
            new(1, 2, 6, 40, 5, 1, 1, StrideH: 2, StrideW: 3),              // strided 1x1: im2col
            new(0, 2, 6, 6, 5, 3, 3),                                       // empty batch
        };
        while (list.Count < count)
        {
            int groups = rng.Next(1, 4);
            int kH = rng.Next(1, 5), kW = rng.Next(1, 5);
            int dH = rng.Next(1, 3), dW = rng.Next(1, 3);
            int pH = rng.Next(0, 3), pW = rng.Next(0, 3);
            int h = rng.Next(1, 13), w = rng.Next(1, 21);
            if (h + (2 * pH) < (dH * (kH - 1)) + 1 || w + (2 * pW) < (dW * (kW - 1)) + 1)
            {
                continue;
            }

            bool stride1 = rng.Next(2) == 0; // half stride 1 so Direct gets random shapes too
            list.Add(new Conv2dGeometry(
                rng.Next(1, 3), groups * rng.Next(1, 5), h, w, groups * rng.Next(1, 6), kH, kW,
                StrideH: stride1 ? 1 : rng.Next(1, 4), StrideW: stride1 ? 1 : rng.Next(1, 4),
                PadH: pH, PadW: pW, DilationH: stride1 && rng.Next(2) == 0 ? 1 : dH, DilationW: stride1 && rng.Next(2) == 0 ? 1 : dW,
                Groups: groups));
        }

        return list;
    }

    [Theory, MemberData(nameof(Widths))]
    public void Conv2d_matches_float64_reference_over_random_geometries(VectorWidth width)
    {
        var rng = new Random(10 + (int)width);
        var seen = new Dictionary<ConvAlgorithm, int>();
        foreach (Conv2dGeometry g in Geometries(1, width == VectorWidth.V512 ? 60 : 150))
        {
            float[] x = TestData.Uniform(rng, g.Batch * g.InChannels * g.InHeight * g.InWidth);
            float[] wt = TestData.Uniform(rng, g.OutChannels * g.InChannelsPerGroup * g.KernelHeight * g.KernelWidth);
            float[] bias = TestData.Uniform(rng, g.OutChannels);
            PackedConvWeights packed = Conv.PackWeights(wt, g);
            seen[packed.Algorithm] = seen.GetValueOrDefault(packed.Algorithm) + 1;
            int outLength = g.Batch * g.OutChannels * g.OutHeight * g.OutWidth;
            foreach (bool withBias in new[] { false, true })
            {
                bool relu = withBias; // both flags in one run keeps the test short; the zoo test covers relu without bias
                float[] y = TestData.Guarded(outLength, TestData.Sentinel);
                Run(x, packed, withBias ? bias : [], y.AsSpan(0, outLength), g, relu, width);
                TestData.AssertGuardIntact(y, outLength, TestData.Sentinel, $"{g}");
                double[] expected = ConvReference.Conv2d(x, wt, withBias ? bias : null, g, relu);
                ConvReference.AssertClose(expected, y.AsSpan(0, outLength), $"{width} {packed.Algorithm} {g} bias/relu={withBias}");
            }
        }

        foreach (ConvAlgorithm a in Enum.GetValues<ConvAlgorithm>())
        {
            Assert.True(seen.GetValueOrDefault(a) >= 3, $"algorithm {a} ran only {seen.GetValueOrDefault(a)} times");
        }
    }

    [Fact]
    public void Im2col_tiles_large_outputs_and_still_matches()
    {
        // k = 8 * 3 * 3 = 72 columns rows; 72 * 40 * 40 > 64K floats, so the output is split into tiles.
        var g = new Conv2dGeometry(1, 8, 80, 80, 3, 3, 3, StrideH: 2, StrideW: 2, PadH: 1, PadW: 1);
        var rng = new Random(5);
        float[] x = TestData.Uniform(rng, 8 * 80 * 80), wt = TestData.Uniform(rng, 3 * 8 * 9), bias = TestData.Uniform(rng, 3);
        PackedConvWeights packed = Conv.PackWeights(wt, g);
        Assert.Equal(ConvAlgorithm.Im2ColGemm, packed.Algorithm);
        var y = new float[3 * 40 * 40];
        Conv.Conv2d(x, packed, bias, y, g, fuseRelu: true);
        ConvReference.AssertClose(ConvReference.Conv2d(x, wt, bias, g, true), y, "tiled im2col");
    }

    [Fact]
    public void Packed_weights_serve_other_batch_and_spatial_sizes_but_not_other_kernels()
    {
        var g = new Conv2dGeometry(1, 4, 6, 6, 8, 3, 3, PadH: 1, PadW: 1);
        var rng = new Random(6);
        float[] wt = TestData.Uniform(rng, 8 * 4 * 9);
        PackedConvWeights packed = Conv.PackWeights(wt, g);
        var other = g with { Batch = 3, InHeight = 11, InWidth = 5 };
        float[] x = TestData.Uniform(rng, 3 * 4 * 11 * 5);
        var y = new float[3 * 8 * 11 * 5];
        Conv.Conv2d(x, packed, [], y, other);
        ConvReference.AssertClose(ConvReference.Conv2d(x, wt, null, other, false), y, "reused packing");

        var e = Assert.Throws<ArgumentException>(() => Conv.Conv2d(x, packed, [], y, other with { PadW = 0, InWidth = 7 }));
        Assert.Contains("packed for", e.Message);
    }

    [Theory, MemberData(nameof(Widths))]
    public void Conv1d_matches_float64_reference(VectorWidth width)
    {
        var rng = new Random(20 + (int)width);
        for (int t = 0; t < 60; t++)
        {
            int groups = rng.Next(1, 4);
            int k = rng.Next(1, 6), dilation = rng.Next(1, 3), pad = rng.Next(0, 3), length = rng.Next(1, 40);
            if (length + (2 * pad) < (dilation * (k - 1)) + 1)
            {
                continue;
            }

            var g = new Conv1dGeometry(rng.Next(1, 3), groups * rng.Next(1, 4), length, groups * rng.Next(1, 4), k,
                Stride: rng.Next(1, 3), Padding: pad, Dilation: dilation, Groups: groups);
            float[] x = TestData.Uniform(rng, g.Batch * g.InChannels * length);
            float[] wt = TestData.Uniform(rng, g.OutChannels * (g.InChannels / groups) * k);
            float[] bias = TestData.Uniform(rng, g.OutChannels);
            var y = new float[g.Batch * g.OutChannels * g.OutLength];
            if (width == VectorWidths.Resolve(VectorWidth.Best))
            {
                Conv.Conv1d(x, wt, bias, y, g);
            }
            else
            {
                Conv.Conv1dAt(x, wt, bias, y, g, width);
            }

            ConvReference.AssertClose(ConvReference.Conv2d(x, wt, bias, g.ToConv2d(), false), y, $"{width} {g}");
        }
    }
}
