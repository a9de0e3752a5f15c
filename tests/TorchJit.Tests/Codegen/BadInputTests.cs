using TorchJit.Zoo;
using static TorchJit.torch;

namespace TorchJit.Tests.Codegen;

/// <summary>Input that cannot fit a compiled model fails clearly, and the model stays usable.</summary>
public sealed class BadInputTests
{
    [Fact]
    public void WrongFeatureCountNamesTheInputTheExpectedAndTheActualShape()
    {
        var compiled = Jit.Compile(ModelZoo.Mlp());

        var e = Assert.Throws<ArgumentException>(() => compiled.forward(rand(3, 5)));

        Assert.Contains("input 'input", e.Message);
        Assert.Contains("Float[3, 5]", e.Message);
        Assert.Contains("[*, 784]", e.Message);
        Assert.Contains("aten::linear", e.Message);
    }

    [Fact]
    public void WrongRankIsRejectedBeforeAnyKernelRuns()
    {
        var compiled = Jit.Compile(ModelZoo.Mlp());

        // A 1-D input is a valid single sample for linear (as in PyTorch); a 0-dim one has no features.
        Assert.Equal([10], compiled.forward(rand(784)).Shape.ToArray());
        var e = Assert.Throws<ArgumentException>(() => compiled.forward(tensor(1f)));

        Assert.Contains("Float[]", e.Message);
    }

    [Fact]
    public void TheModelStaysUsableAfterBadInput()
    {
        var mlp = ModelZoo.Mlp();
        var compiled = Jit.Compile(mlp);
        var good = rand(2, 784);
        var before = compiled.forward(good);

        Assert.Throws<ArgumentException>(() => compiled.forward(rand(2, 783)));
        Assert.Throws<ArgumentException>(() => compiled.forward(rand(2, 783)));

        Assert.True(before.BitEquals(compiled.forward(good)));
        Assert.True(mlp.forward(good).BitEquals(compiled.forward(good)));
    }

    [Fact]
    public void NonFloatInputIsRejectedWithItsDType()
    {
        var compiled = Jit.Compile(new CondModel());

        var e = Assert.Throws<ArgumentException>(() => compiled.forward(tensor([1L, 2L])));

        Assert.Contains("Long[2]", e.Message);
        Assert.Contains("'x'", e.Message);
    }

    [Fact]
    public void ANewShapeOfTheSameRankIsAccepted()
    {
        var model = new CondModel();
        var compiled = Jit.Compile(model);

        foreach (var x in new[] { rand(2, 3), rand(4, 5), rand(1), rand(3, 1, 2) })
            Assert.True(model.forward(x).BitEquals(compiled.forward(x)));
    }
}
