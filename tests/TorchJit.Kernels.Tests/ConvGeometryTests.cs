namespace TorchJit.Kernels.Tests;

/// <summary>Geometry arithmetic, argument checks and algorithm choice.</summary>
public sealed class ConvGeometryTests
{
    [Fact]
    public void Output_sizes_follow_pytorch()
    {
        var g = new Conv2dGeometry(1, 3, 32, 32, 16, 3, 3, PadH: 1, PadW: 1);
        Assert.Equal((32, 32), (g.OutHeight, g.OutWidth));
        g = new Conv2dGeometry(1, 3, 10, 11, 4, 3, 2, StrideH: 2, StrideW: 3, PadH: 1, PadW: 0, DilationH: 2, DilationW: 1);
        Assert.Equal(((10 + 2 - 4 - 1) / 2) + 1, g.OutHeight); // 4
        Assert.Equal(((11 - 1 - 1) / 3) + 1, g.OutWidth); // 4
        Assert.Equal(7, new Conv1dGeometry(1, 2, 15, 2, 3, Stride: 2, Padding: 0).OutLength);
    }

    [Fact]
    public void Bad_geometry_throws_naming_the_sizes()
    {
        var e = Assert.Throws<ArgumentException>(() => new Conv2dGeometry(1, 3, 2, 2, 4, 5, 5));
        Assert.Contains("padded input height 2", e.Message);
        Assert.Contains("dilated kernel height 5", e.Message);
        e = Assert.Throws<ArgumentException>(() => new Conv2dGeometry(1, 3, 8, 8, 4, 3, 3, DilationW: 4));
        Assert.Contains("dilated kernel width 9", e.Message);
        e = Assert.Throws<ArgumentException>(() => new Conv2dGeometry(1, 6, 8, 8, 4, 3, 3, Groups: 4));
        Assert.Contains("in_channels 6 and out_channels 4 must both be divisible by groups 4", e.Message);
        e = Assert.Throws<ArgumentException>(() => new Conv2dGeometry(1, 3, 8, 8, 4, 3, 3, StrideH: 0));
        Assert.Contains("stride along height is 0", e.Message);
        e = Assert.Throws<ArgumentException>(() => new Conv2dGeometry(1, 3, 8, 8, 4, 3, 3, PadW: -1));
        Assert.Contains("padding along width is -1", e.Message);
        e = Assert.Throws<ArgumentException>(() => new Conv2dGeometry(-1, 3, 8, 8, 4, 3, 3));
        Assert.Contains("batch is -1", e.Message);
        e = Assert.Throws<ArgumentException>(() => new Conv1dGeometry(1, 2, 3, 2, 5));
        Assert.Contains("padded input length 3", e.Message);

        // default and with-expressions skip the constructor, so the kernels check again.
        float[] w = new float[4 * 3 * 9];
        var bad = new Conv2dGeometry(1, 3, 8, 8, 4, 3, 3) with { InHeight = 1 };
        e = Assert.Throws<ArgumentException>(() => Conv.PackWeights(w, bad));
        Assert.Contains("padded input height 1", e.Message);
        Assert.Throws<ArgumentException>(() => Conv.PackWeights(w, default));
    }

    [Fact]
    public void Wrong_span_lengths_throw_naming_the_shapes()
    {
        var g = new Conv2dGeometry(2, 3, 4, 4, 5, 3, 3, PadH: 1, PadW: 1);
        var e = Assert.Throws<ArgumentException>(() => Conv.PackWeights(new float[5 * 3 * 9 - 1], g));
        Assert.Contains("[5, 3, 3, 3]", e.Message);
        PackedConvWeights w = Conv.PackWeights(new float[5 * 3 * 9], g);
        e = Assert.Throws<ArgumentException>(() => Conv.Conv2d(new float[2 * 3 * 16 + 1], w, [], new float[2 * 5 * 16], g));
        Assert.Contains("x has 97 elements but shape [2, 3, 4, 4] needs 96", e.Message);
        e = Assert.Throws<ArgumentException>(() => Conv.Conv2d(new float[2 * 3 * 16], w, [], new float[2 * 5 * 16 - 1], g));
        Assert.Contains("[2, 5, 4, 4]", e.Message);
        e = Assert.Throws<ArgumentException>(() => Conv.Conv2d(new float[2 * 3 * 16], w, new float[4], new float[2 * 5 * 16], g));
        Assert.Contains("bias has 4 elements", e.Message);
        Assert.Throws<ArgumentNullException>(() => Conv.Conv2d(new float[2 * 3 * 16], null!, [], new float[2 * 5 * 16], g));
        var g1 = new Conv1dGeometry(1, 2, 10, 4, 3);
        e = Assert.Throws<ArgumentException>(() => Conv.Conv1d(new float[20], new float[23], [], new float[32], g1));
        Assert.Contains("[4, 2, 3]", e.Message);
    }

    [Theory]
    [InlineData(3, 16, 3, 1, 1, 1, ConvAlgorithm.Direct)]       // the zoo's 3x3 pad 1
    [InlineData(16, 32, 1, 1, 0, 1, ConvAlgorithm.Pointwise)]
    [InlineData(16, 16, 3, 1, 1, 16, ConvAlgorithm.Depthwise)]
    [InlineData(8, 16, 3, 2, 1, 8, ConvAlgorithm.Depthwise)]    // channel multiplier 2, stride 2
    [InlineData(16, 32, 3, 2, 1, 1, ConvAlgorithm.Im2ColGemm)]  // stride 2
    [InlineData(16, 32, 1, 2, 0, 1, ConvAlgorithm.Im2ColGemm)]  // strided 1x1 needs the gather
    public void Algorithm_choice(int inC, int outC, int k, int stride, int pad, int groups, ConvAlgorithm expected)
    {
        var g = new Conv2dGeometry(1, inC, 16, 16, outC, k, k, StrideH: stride, StrideW: stride, PadH: pad, PadW: pad, Groups: groups);
        Assert.Equal(expected, Conv.PackWeights(new float[outC * (inC / groups) * k * k], g).Algorithm);
    }
}
