using static TorchJit.torch;

namespace TorchJit.Tests.Eager;

/// <summary>linear at batch sizes that take the dot kernels and the pre-packed SGEMM.</summary>
public sealed class LinearTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(64)]
    public void MatchesAFloat64Reference(int batch)
    {
        manual_seed(batch);
        var layer = nn.Linear(100, 40);
        var x = randn(batch, 100);

        var y = layer.forward(x).ToArray();

        var w = layer.weight.ToArray();
        var b = layer.bias!.ToArray();
        var xs = x.ToArray();
        for (int i = 0; i < batch; i++)
            for (int j = 0; j < 40; j++)
            {
                double s = b[j];
                for (int p = 0; p < 100; p++) s += (double)xs[(i * 100) + p] * w[(j * 100) + p];
                Assert.Equal(s, y[(i * 40) + j], 1e-4);
            }
    }

    [Fact]
    public void PackedWeightsFollowCopy()
    {
        var layer = nn.Linear(32, 32);
        var x = randn(16, 32);
        var before = layer.forward(x);

        layer.weight.copy_(zeros(32, 32));

        Assert.False(before.BitEquals(layer.forward(x)));
        Assert.Equal(layer.bias!.expand(16, 32).ToArray(), layer.forward(x).ToArray());
    }
}
