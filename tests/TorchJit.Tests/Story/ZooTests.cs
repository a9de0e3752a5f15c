using TorchJit.Passes;
using TorchJit.Zoo;

namespace TorchJit.Tests.Story;

/// <summary>Every zoo model runs eagerly on its example input; the feed-forward ones trace, script and compile to the eager answer.</summary>
public sealed class ZooTests
{
    public static TheoryData<string> Names => [.. ModelZoo.All.Select(m => m.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void RunsEagerly(string name)
    {
        var zoo = ModelZoo.Get(name);
        var model = zoo.Create();
        var y = model.forward(zoo.ExampleInput());
        Assert.All(y.ToArray(), v => Assert.True(float.IsFinite(v)));
    }

    [Theory]
    [InlineData("mlp512")]
    [InlineData("cnn")]
    [InlineData("transformer")]
    public void TracedScriptedAndCompiledEqualEager(string name)
    {
        var zoo = ModelZoo.Get(name);
        var model = zoo.Create();
        model.eval();
        var x = zoo.ExampleInput();
        var traced = Jit.Trace(model, x);
        var scripted = Jit.Script(model);
        // O1 runs the eager kernels in the eager order: bit-identical. O2 fuses ReLU into the GEMM (exact, so
        // still bit-identical) and folds batch norms into conv weights (a different rounding: assert_close).
        var o1 = Jit.Compile(model, OptLevel.O1);
        var o2 = Jit.Compile(model);
        bool exactAtO2 = !model.modules().OfType<TorchJit.Modules.BatchNorm>().Any();
        for (int i = 0; i < 3; i++)
        {
            var input = zoo.ExampleInput();
            var eager = model.forward(input);
            Assert.True(eager.BitEquals(traced.forward(input)), "traced");
            Assert.True(eager.BitEquals(scripted.forward(input)), "scripted");
            Assert.True(eager.BitEquals(o1.forward(input)), "compiled at O1");
            if (exactAtO2) Assert.True(eager.BitEquals(o2.forward(input)), "compiled at O2");
            else TensorAssert.Close(eager, o2.forward(input), rtol: 1e-4, atol: 1e-5, "compiled at O2 (folded batch norms)");
        }
    }

    [Fact]
    public void TheOptimizedMlpHasOneFusedLinearReluPerHiddenLayer()
    {
        var graph = Jit.Compile(ModelZoo.Mlp512()).OptimizedGraph.ToString();
        Assert.Equal(2, Count(graph, "= torchjit::linear_relu("));
        Assert.Equal(1, Count(graph, "= aten::linear("));
        Assert.Equal(0, Count(graph, "aten::relu"));
    }

    [Fact]
    public void TheOptimizedCnnHasNoBatchNormsAndFusedConvRelus()
    {
        var model = ModelZoo.Cnn();
        var graph = Jit.Compile(model).OptimizedGraph.ToString();
        Assert.Equal(0, Count(graph, "aten::batch_norm"));
        Assert.Equal(2, Count(graph, "= torchjit::conv2d_relu("));
        Assert.Equal(0, Count(graph, "aten::relu"));

        // Folding really removed batch norms that are not the identity: O1 keeps them.
        Assert.Equal(2, Count(Jit.Compile(model, OptLevel.O1).OptimizedGraph.ToString(), "= aten::batch_norm("));
    }

    private static int Count(string text, string part) => text.Split(part).Length - 1;
}
