using System.Numerics.Tensors;
using TorchJit.Kernels;
using TorchJit.Zoo;
using static TorchJit.torch;

namespace TorchJit.Tests.Runtime;

/// <summary>A wrong caller-provided output fails clearly, before anything is written, and the model stays usable; NaN flows as in eager.</summary>
public sealed class OutputArgumentTests
{
    [Fact]
    public void WrongOutputShapeNamesTheOutputTheExpectedAndTheActualShape()
    {
        var compiled = Jit.Compile(ModelZoo.Mlp());
        var x = rand(2, 784);

        var e = Assert.Throws<ArgumentException>(() => compiled.forward(x, Tensor.Empty(DType.Float32, [2, 11])));

        Assert.Equal("output", e.ParamName);
        Assert.Contains("[2, 10]", e.Message);
        Assert.Contains("[2, 11]", e.Message);
    }

    [Fact]
    public void WrongOutputDTypeOrLayoutOrAliasIsRejected()
    {
        var compiled = Jit.Compile(ModelZoo.Mlp());
        var x = rand(2, 784);

        Assert.Contains("Float", Assert.Throws<ArgumentException>(() => compiled.forward(x, Tensor.Empty(DType.Int64, [2, 10]))).Message);
        Assert.Contains("contiguous", Assert.Throws<ArgumentException>(() => compiled.forward(x, Tensor.Empty(DType.Float32, [10, 2]).transpose(0, 1))).Message);
        Assert.Contains("20", Assert.Throws<ArgumentException>(() => compiled.forward(x, new float[21].AsSpan())).Message);
        Assert.Contains("[2, 10]", Assert.Throws<ArgumentException>(() => compiled.forward(x, new TensorSpan<float>(new float[20], [20], []))).Message);
        var y = rand(2, 784);
        var overlapping = y.view(-1).narrow(0, 0, 20).view(2, 10);
        Assert.Contains("share memory", Assert.Throws<ArgumentException>(() => compiled.forward(y, overlapping)).Message);
    }

    [Fact]
    public void TheModelStaysUsableAfterABadOutput()
    {
        var mlp = ModelZoo.Mlp();
        var compiled = Jit.Compile(mlp);
        var x = rand(3, 784);
        var output = Tensor.Empty(DType.Float32, [3, 10]);

        Assert.Throws<ArgumentException>(() => compiled.forward(x, Tensor.Empty(DType.Float32, [3, 9])));
        compiled.forward(x, output);

        Assert.True(mlp.forward(x).BitEquals(output));
    }

    [Fact]
    public void AWrongOutputForABranchingModelIsRejected()
    {
        // A data-dependent branch: where the plan cannot fix the output shape before the call, the result checks it.
        var compiled = Jit.Compile(new CondModel());
        var x = rand(2, 3);

        compiled.forward(x, Tensor.Empty(DType.Float32, [2, 3]));
        var e = Assert.Throws<ArgumentException>(() => compiled.forward(x, Tensor.Empty(DType.Float32, [3, 2])));

        Assert.Equal("output", e.ParamName);
    }

    [Fact]
    public void NaNFlowsAsInEager()
    {
        var zoo = ModelZoo.Get("chain");
        var model = zoo.Create();
        var compiled = Jit.Compile(model);
        var x = randn(8, 33);
        x.Float32Span[5] = float.NaN;
        x.Float32Span[40] = float.PositiveInfinity;
        x.Float32Span[41] = float.NegativeInfinity;

        var expected = model.forward(x);
        var output = Tensor.Empty(DType.Float32, [8, 33]);
        compiled.forward(x, output);

        Assert.True(expected.BitEquals(output));
        Assert.True(float.IsNaN(output.Float32Span[5]));
    }
}
