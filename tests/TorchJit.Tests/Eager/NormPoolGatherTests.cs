using TorchJit.Kernels;
using static TorchJit.torch;

namespace TorchJit.Tests.Eager;

/// <summary>Normalization, pooling, embedding, cat/stack and the transformer layer through the eager API.</summary>
public sealed class NormPoolGatherTests
{
    [Fact]
    public void LayerNormNormalizesTheLastDims()
    {
        var ln = nn.LayerNorm(4);
        var x = tensor([1f, 2f, 3f, 4f, -1f, -1f, -1f, 5f], 2, 4);

        var y = ln.forward(x).ToArray();

        Assert.Equal(0f, y[..4].Sum(), 1e-5f);
        double variance = y[..4].Select(v => (double)v * v).Sum() / 4;
        Assert.Equal(1.0, variance, 1e-3);
        Assert.Contains("does not end with normalized_shape [3]", Assert.Throws<ArgumentException>(() => nn.LayerNorm(3).forward(x)).Message);
    }

    [Fact]
    public void BatchNormUsesRunningStatisticsInEvalAndRefusesTraining()
    {
        var bn = nn.BatchNorm2d(2);
        bn.running_mean.copy_(tensor([1f, -1f]));
        bn.running_var.copy_(tensor([4f, 1f]));
        var x = ones(1, 2, 2, 2);

        Assert.Throws<NotSupportedException>(() => bn.forward(x));
        bn.eval();
        var y = bn.forward(x).ToArray();

        Assert.All(y[..4], v => Assert.Equal(0f, v, 5));
        Assert.All(y[4..], v => Assert.Equal(2f / MathF.Sqrt(1 + 1e-5f), v, 4));
        Assert.Equal(["weight", "bias", "running_mean", "running_var", "num_batches_tracked"], bn.state_dict().Select(kv => kv.Key));
        Assert.Contains("expected 4D input", Assert.Throws<ArgumentException>(() => bn.forward(ones(2, 2))).Message);
    }

    [Fact]
    public void GroupNormChecksGroups()
    {
        Assert.Throws<ArgumentException>(() => nn.GroupNorm(3, 4));
        var y = nn.GroupNorm(2, 4).forward(randn(2, 4, 3)).ToArray();
        Assert.Equal(0f, y[..6].Sum(), 1e-4f);
    }

    [Fact]
    public void PoolingShapesAndValues()
    {
        var x = arange(0, 16, 1.0).reshape(1, 1, 4, 4);

        Assert.Equal([5f, 7f, 13f, 15f], nn.MaxPool2d(2).forward(x).ToArray());
        Assert.Equal([2.5f, 4.5f, 10.5f, 12.5f], nn.AvgPool2d(2).forward(x).ToArray());
        Assert.Equal([7.5f], nn.AdaptiveAvgPool2d(1, 1).forward(x).ToArray());
        Assert.Equal([1, 1, 3, 3], nn.MaxPool2d(2, 1).forward(x).Shape.ToArray());
        Assert.Equal([1, 1, 2, 2], nn.MaxPool2d(3, 2, ceilMode: true).forward(x).Shape.ToArray());
        Assert.Throws<ArgumentException>(() => nn.MaxPool2d(2).forward(ones(4, 4)));
    }

    [Fact]
    public void EmbeddingLooksUpRowsAndChecksIndices()
    {
        var emb = nn.Embedding(5, 3, paddingIdx: 0);
        var idx = tensor([0L, 4L, 4L, 1L], 2, 2);

        var y = emb.forward(idx);

        Assert.Equal([2, 2, 3], y.Shape.ToArray());
        Assert.Equal([0f, 0f, 0f], y.select(0, 0).select(0, 0).ToArray());
        Assert.Equal(emb.weight.select(0, 4).ToArray(), y.select(0, 0).select(0, 1).ToArray());
        Assert.ThrowsAny<ArgumentException>(() => emb.forward(tensor([5L])));
        Assert.Throws<ArgumentException>(() => emb.forward(tensor([1f])));
    }

    [Fact]
    public void CatAndStack()
    {
        var a = arange(0, 6, 1.0).reshape(2, 3);
        var b = arange(6, 8, 1.0).reshape(2, 1);

        Assert.Equal([0f, 1, 2, 6, 3, 4, 5, 7], cat([a, b], 1).ToArray());
        Assert.Equal([4, 3], cat([a, a], 0).Shape.ToArray());
        Assert.Equal([2, 2, 3], stack([a, a]).Shape.ToArray());
        Assert.Equal([2, 3, 2], stack([a, a], -1).Shape.ToArray());
        Assert.Contains("sizes of tensors must match except in dimension 1", Assert.Throws<ArgumentException>(() => cat([a, b.t()], 1)).Message);
        Assert.Equal(DType.Int64, cat([arange(2), arange(3)]).DType);
    }

    [Fact]
    public void TransformerEncoderLayerKeepsShapeAndIsDeterministicInEval()
    {
        manual_seed(21);
        var layer = nn.TransformerEncoderLayer(16, 4, 32, batchFirst: true);
        layer.eval();
        var x = randn(2, 5, 16);

        var y = layer.forward(x);

        Assert.Equal([2, 5, 16], y.Shape.ToArray());
        Assert.True(y.BitEquals(layer.forward(x)));
        // Post-norm: every output row is layer-normalized (weight 1, bias 0 at init).
        Assert.All(y.mean([-1]).ToArray(), m => Assert.Equal(0f, m, 4));
        Assert.Contains("self_attn.in_proj_weight", layer.state_dict().Select(kv => kv.Key));
    }
}
