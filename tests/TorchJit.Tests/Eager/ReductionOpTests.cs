using TorchJit.Kernels;
using static TorchJit.torch;

namespace TorchJit.Tests.Eager;

/// <summary>Reductions over dims with keepdim, max/min indices, softmax: shapes, values and errors.</summary>
public sealed class ReductionOpTests
{
    private static Tensor Iota(params int[] shape) => arange(0, shape.Aggregate(1, (a, b) => a * b), 1.0).reshape(shape.Select(s => (long)s).ToArray());

    [Fact]
    public void SumAndMeanOverDimsWithKeepdim()
    {
        var x = Iota(2, 3, 4);

        Assert.Equal([3, 4], x.sum(0).Shape.ToArray());
        Assert.Equal([1, 3, 4], x.sum(0, keepdim: true).Shape.ToArray());
        Assert.Equal(Enumerable.Range(0, 12).Select(i => (float)(i + i + 12)), x.sum(0).ToArray());
        Assert.Equal([66f, 210f], x.sum([1, 2]).ToArray());
        Assert.Equal([2, 1, 1], x.sum([-1, 1], keepdim: true).Shape.ToArray());
        Assert.Equal([5.5f, 17.5f], x.mean([1, 2]).ToArray());
        Assert.Equal(11.5f, x.mean().item<float>());
        Assert.Contains("appears multiple times", Assert.Throws<ArgumentException>(() => x.sum([1, -2])).Message);
        Assert.True(float.IsNaN(zeros(0).mean().item<float>()));
    }

    [Fact]
    public void MaxAndMinGiveValuesAndFirstIndices()
    {
        var x = tensor([1f, 5f, 5f, 2f, 0f, 0f], 2, 3);

        var (values, indexes) = x.max(1);
        Assert.Equal([5f, 2f], values.ToArray());
        Assert.Equal([1L, 0L], indexes.data<long>());
        Assert.Equal(DType.Int64, indexes.DType);
        var (mins, minIdx) = x.min(0, keepdim: true);
        Assert.Equal([1, 3], mins.Shape.ToArray());
        Assert.Equal([1f, 0f, 0f], mins.ToArray());
        Assert.Equal([0L, 1L, 1L], minIdx.data<long>());
        Assert.Equal(5f, x.max().item<float>());
        Assert.Equal(1L, x.argmax().item<long>());
        Assert.Equal([1L, 0L], x.argmax(1).data<long>());
        Assert.Equal([5f, 2f], x.amax([1]).ToArray());
        Assert.True(float.IsNaN(tensor([1f, float.NaN, 3f]).max().item<float>()));
    }

    [Fact]
    public void VarAndStdUseBesselsCorrectionByDefault()
    {
        var x = tensor([1f, 2f, 3f, 4f]);

        Assert.Equal(5f / 3, x.var([0]).item<float>(), 1e-5f);
        Assert.Equal(1.25f, x.var([0], unbiased: false).item<float>(), 1e-5f);
        Assert.Equal(MathF.Sqrt(5f / 3), x.std([0]).item<float>(), 1e-5f);
    }

    [Fact]
    public void SoftmaxIsStableAndNormalized()
    {
        var x = tensor([1e4f, 0f, -1e4f, 1f, 2f, 3f], 2, 3);

        var s = x.softmax(1).ToArray();
        Assert.All(s, v => Assert.True(float.IsFinite(v)));
        Assert.Equal(1f, s[0] + s[1] + s[2], 1e-5f);
        Assert.Equal(1f, s[3] + s[4] + s[5], 1e-5f);
        var ls = x.log_softmax(1).ToArray();
        // log_softmax stays exact where softmax underflows: x - max - log(sum exp(x - max)).
        Assert.Equal([0f, -1e4f, -2e4f], ls[..3]);
        for (int i = 3; i < 6; i++) Assert.Equal(Math.Log(s[i]), ls[i], 1e-5f);
        Assert.All(x.softmax(0).sum(0).ToArray(), v => Assert.Equal(1f, v, 1e-5f));
    }

    [Fact]
    public void ReductionsTraceAndCompile()
    {
        var model = new ReduceModel();
        var x = randn(3, 5);
        var traced = Jit.Trace(model, x);
        var compiled = Jit.Compile(traced);

        Assert.Contains("aten::max", traced.Graph);
        for (int i = 0; i < 5; i++)
        {
            var y = randn(3, 5);
            Assert.True(model.forward(y).BitEquals(traced.forward(y)));
            Assert.True(model.forward(y).BitEquals(compiled.forward(y)));
        }
    }

    private sealed class ReduceModel : nn.Module<Tensor, Tensor>
    {
        public ReduceModel() : base(nameof(ReduceModel)) { }

        public override Tensor forward(Tensor x)
        {
            var (values, _) = x.max(1, keepdim: true);
            return (x - values).softmax(-1).mean([0]) + x.var([1]).sum();
        }
    }
}
