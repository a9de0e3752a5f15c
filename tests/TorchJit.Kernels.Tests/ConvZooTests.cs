namespace TorchJit.Kernels.Tests;

/// <summary>
/// The zoo CNN: Conv 3->16 (3x3, pad 1) on 3x32x32 -> ReLU -> MaxPool 2 -> Conv 16->32 (3x3, pad 1) -> ReLU ->
/// MaxPool 2, end to end against float64 (Note [Conv test tolerance]); and no allocation once warm.
/// </summary>
public sealed class ConvZooTests
{
    private static readonly Conv2dGeometry Conv1 = new(2, 3, 32, 32, 16, 3, 3, PadH: 1, PadW: 1);
    private static readonly Conv2dGeometry Conv2 = new(2, 16, 16, 16, 32, 3, 3, PadH: 1, PadW: 1);

    [Fact]
    public void Zoo_cnn_matches_float64_reference()
    {
        var rng = new Random(70);
        float[] x = TestData.Uniform(rng, 2 * 3 * 32 * 32);
        float[] w1 = TestData.Uniform(rng, 16 * 3 * 9, 0.5f), b1 = TestData.Uniform(rng, 16, 0.1f);
        float[] w2 = TestData.Uniform(rng, 32 * 16 * 9, 0.2f), b2 = TestData.Uniform(rng, 32, 0.1f);

        float[] h1 = new float[2 * 16 * 32 * 32], p1 = new float[2 * 16 * 16 * 16];
        float[] h2 = new float[2 * 32 * 16 * 16], p2 = new float[2 * 32 * 8 * 8];
        Conv.Conv2d(x, Conv.PackWeights(w1, Conv1), b1, h1, Conv1, fuseRelu: true);
        Pooling.MaxPool2d(h1, 2, 16, 32, 32, 2, 2, 2, 2, 0, 0, 1, 1, false, p1, out _, out _);
        Conv.Conv2d(p1, Conv.PackWeights(w2, Conv2), b2, h2, Conv2, fuseRelu: true);
        Pooling.MaxPool2d(h2, 2, 32, 16, 16, 2, 2, 2, 2, 0, 0, 1, 1, false, p2, out int oh, out int ow);
        Assert.Equal((8, 8), (oh, ow));

        // The reference runs each stage on the float64 result of the previous one, rounded to float only to
        // reuse the float-input helpers; that rounding (~6e-8 relative) is far inside the tolerance.
        double[] r1 = ConvReference.Conv2d(x, w1, b1, Conv1, relu: true);
        double[] q1 = PoolingReference.MaxPool2d(ToFloat(r1), 2, 16, 32, 32, 2, 2, 2, 2, 0, 0, 1, 1, 16, 16);
        double[] r2 = ConvReference.Conv2d(ToFloat(q1), w2, b2, Conv2, relu: true);
        double[] q2 = PoolingReference.MaxPool2d(ToFloat(r2), 2, 32, 16, 16, 2, 2, 2, 2, 0, 0, 1, 1, 8, 8);
        ConvReference.AssertClose(q2, p2, "zoo cnn");
    }

    [Fact]
    public void Steady_state_calls_do_not_allocate()
    {
        var rng = new Random(71);
        var geometries = new[]
        {
            Conv1, Conv2,
            new Conv2dGeometry(1, 8, 9, 9, 8, 1, 1),                                            // pointwise
            new Conv2dGeometry(1, 8, 9, 9, 8, 3, 3, PadH: 1, PadW: 1, Groups: 8),              // depthwise
            new Conv2dGeometry(1, 8, 9, 9, 4, 3, 3, StrideH: 2, StrideW: 2, PadH: 1, PadW: 1), // im2col
        };
        foreach (Conv2dGeometry g in geometries)
        {
            float[] x = TestData.Uniform(rng, g.Batch * g.InChannels * g.InHeight * g.InWidth);
            float[] bias = TestData.Uniform(rng, g.OutChannels);
            var y = new float[g.Batch * g.OutChannels * g.OutHeight * g.OutWidth];
            PackedConvWeights w = Conv.PackWeights(TestData.Uniform(rng, g.OutChannels * g.InChannelsPerGroup * g.KernelHeight * g.KernelWidth), g);
            Conv.Conv2d(x, w, bias, y, g, fuseRelu: true); // warm: JIT and the scratch buffer
            long before = GC.GetAllocatedBytesForCurrentThread();
            Conv.Conv2d(x, w, bias, y, g, fuseRelu: true);
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        float[] plane = TestData.Uniform(rng, 2 * 3 * 12 * 12);
        var pooled = new float[2 * 3 * 6 * 6];
        var adaptive = new float[2 * 3 * 5 * 5];
        long[] indices = [0, 71, 5]; // a collection expression at the call would allocate each time
        for (int round = 0; round < 2; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            Pooling.MaxPool2d(plane, 2, 3, 12, 12, 3, 3, 2, 2, 1, 1, 1, 1, false, pooled, out _, out _);
            Pooling.AvgPool2d(plane, 2, 3, 12, 12, 2, 2, 2, 2, 0, 0, false, true, pooled, out _, out _);
            Pooling.AdaptiveAvgPool2d(plane, 2, 3, 12, 12, 5, 5, adaptive);
            Embedding.Lookup(plane, 72, 12, indices, pooled.AsSpan(0, 36));
            if (round == 1)
            {
                Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            }
        }
    }

    private static float[] ToFloat(double[] a)
    {
        var f = new float[a.Length];
        for (int i = 0; i < a.Length; i++)
        {
            f[i] = (float)a[i];
        }

        return f;
    }
}
