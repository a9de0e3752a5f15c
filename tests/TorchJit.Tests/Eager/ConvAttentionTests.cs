using static TorchJit.torch;

namespace TorchJit.Tests.Eager;

/// <summary>Convolution and attention through the eager API and modules.</summary>
public sealed class ConvAttentionTests
{
    [Fact]
    public void Conv2dModuleMatchesADirectReference()
    {
        manual_seed(11);
        var conv = new Modules.Conv2d(3, 4, 3, stride: 2, padding: 1);
        var x = randn(2, 3, 7, 6);

        var y = conv.forward(x);

        Assert.Equal([2, 4, 4, 3], y.Shape.ToArray());
        var w = conv.weight.ToArray();
        var b = conv.bias!.ToArray();
        var xs = x.ToArray();
        var ys = y.ToArray();
        for (int n = 0; n < 2; n++)
            for (int o = 0; o < 4; o++)
                for (int i = 0; i < 4; i++)
                    for (int j = 0; j < 3; j++)
                    {
                        double s = b[o];
                        for (int c = 0; c < 3; c++)
                            for (int ki = 0; ki < 3; ki++)
                                for (int kj = 0; kj < 3; kj++)
                                {
                                    int r = (i * 2) - 1 + ki, q = (j * 2) - 1 + kj;
                                    if (r < 0 || r >= 7 || q < 0 || q >= 6) continue;
                                    s += (double)w[(((o * 3) + c) * 9) + (ki * 3) + kj] * xs[(((n * 3) + c) * 42) + (r * 6) + q];
                                }

                        Assert.Equal(s, ys[(((n * 4) + o) * 12) + (i * 3) + j], 1e-4);
                    }
    }

    [Fact]
    public void ConvWeightsArePackedOnceAndRepackedAfterCopy()
    {
        var conv = new Modules.Conv2d(2, 2, 1, bias: false);
        var x = ones(1, 2, 2, 2);
        var before = conv.forward(x);

        conv.weight.copy_(zeros(2, 2, 1, 1));

        Assert.NotEqual(0f, before.ToArray().Select(MathF.Abs).Sum());
        Assert.All(conv.forward(x).ToArray(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void ConvErrorsNameShapes()
    {
        var conv = new Modules.Conv2d(3, 4, 3);

        Assert.Contains("expected input channels 3, got 2", Assert.Throws<ArgumentException>(() => conv.forward(randn(1, 2, 5, 5))).Message);
        Assert.Throws<ArgumentException>(() => conv.forward(randn(1, 3, 2, 2)));
        Assert.Equal([4, 3, 3], conv.forward(randn(3, 5, 5)).Shape.ToArray());
        Assert.Equal([2, 5, 6], new Modules.Conv1d(3, 5, 3, padding: 1).forward(randn(2, 3, 6)).Shape.ToArray());
    }

    [Fact]
    public void ScaledDotProductAttentionMatchesItsDefinition()
    {
        var q = randn(2, 3, 4);
        var k = randn(2, 5, 4);
        var v = randn(2, 5, 6);

        var y = nn.functional.scaled_dot_product_attention(q, k, v);
        var expected = (q.matmul(k.transpose(1, 2)) * (1 / Math.Sqrt(4))).softmax(-1).matmul(v);

        Assert.Equal([2, 3, 6], y.Shape.ToArray());
        Assert.True(expected.BitEquals(y));
    }

    [Fact]
    public void CausalAndBoolMasksHideTheFuture()
    {
        var q = randn(1, 4, 8);
        var v = randn(1, 4, 8);
        var causal = nn.functional.scaled_dot_product_attention(q, q, v, is_causal: true);
        var mask = tensor([true, false, false, false, true, true, false, false, true, true, true, false, true, true, true, true], 4, 4);
        var masked = nn.functional.scaled_dot_product_attention(q, q, v, mask);

        Assert.True(causal.BitEquals(masked));
        // The first query sees only the first key: its output is the first value row.
        Assert.Equal(v.select(1, 0).ToArray(), causal.select(1, 0).ToArray());
    }

    [Fact]
    public void MultiheadAttentionShapesWeightsAndPaddingMask()
    {
        manual_seed(4);
        var mha = new Modules.MultiheadAttention(8, 2);
        var x = randn(5, 3, 8);  // [L, N, E]
        var padding = zeros([3, 5], @bool);
        padding = padding.masked_fill(tensor([false, false, false, false, true]).unsqueeze(0).expand(3, 5), 1).ne(zeros(3, 5));

        var (output, weights) = mha.forward(x, x, x, padding);

        Assert.Equal([5, 3, 8], output.Shape.ToArray());
        Assert.Equal([3, 5, 5], weights!.Shape.ToArray());
        Assert.All(weights.sum(-1).ToArray(), s => Assert.Equal(1f, s, 5));
        Assert.All(weights.select(2, 4).ToArray(), w => Assert.Equal(0f, w));
        Assert.Null(mha.forward(x, x, x, needWeights: false).Weights);
    }
}
