using TorchJit.Zoo;
using static TorchJit.torch;

namespace TorchJit.Tests.Story;

/// <summary>The acceptance scenario, steps 1 to 4, on the zoo's CondModel and MLP.</summary>
public sealed class TraceVsScriptTests
{
    [Fact]
    public void TracingRaisesATracerWarningAtTheUsersLine()
    {
        var warnings = new List<TracerWarning>();
        var traced = Jit.Trace(new CondModel(), rand(2, 3), warnings.Add);

        var warning = Assert.Single(warnings);
        Assert.Contains("Converting a tensor to a C# bool might cause the trace to be incorrect", warning.Message);
        Assert.EndsWith("CondModel.cs", warning.File);
        Assert.Equal(20, warning.Line); // if (x.sum() > 10) in src/Zoo/CondModel.cs
        Assert.Equal(warnings, traced.Warnings);
    }

    [Fact]
    public void ScriptingRaisesNoWarningAndKeepsTheBranch()
    {
        var scripted = Jit.Script(new CondModel());

        Assert.Empty(scripted.Warnings);
        Assert.Contains("prim::If", scripted.Graph);
        Assert.Contains("block0():", scripted.Graph);
        Assert.Contains("block1():", scripted.Graph);
        Assert.Contains("if bool(torch.gt(torch.sum(x), 10)):", scripted.Code);
    }

    [Fact]
    public void OnTheExampleInputEagerTracedAndScriptedAgree()
    {
        var model = new CondModel();
        manual_seed(1);
        var x = rand(2, 3);
        var traced = Jit.Trace(model, x, _ => { });
        var scripted = Jit.Script(model);

        var eager = model.forward(x);
        Assert.True(eager.BitEquals(traced.forward(x)));
        Assert.True(eager.BitEquals(scripted.forward(x)));
    }

    [Fact]
    public void OnOnesTimesFiveTheTraceIsSilentlyWrong()
    {
        var model = new CondModel();
        var traced = Jit.Trace(model, rand(2, 3), _ => { });
        var scripted = Jit.Script(model);
        var x = ones(2, 3) * 5;

        Assert.All(model.forward(x).ToArray(), v => Assert.Equal(5f, v));
        Assert.All(scripted.forward(x).ToArray(), v => Assert.Equal(5f, v));
        Assert.All(traced.forward(x).ToArray(), v => Assert.Equal(15f, v));
    }

    [Fact]
    public void CompiledCondModelGivesTheEagerAnswerOnBothInputs()
    {
        var model = new CondModel();
        var compiled = Jit.Compile(model);

        foreach (var x in new[] { rand(2, 3), ones(2, 3) * 5 })
            Assert.True(model.forward(x).BitEquals(compiled.forward(x)));
    }

    [Fact]
    public void MlpTracedScriptedAndCompiledEqualEagerBitForBit()
    {
        var mlp = ModelZoo.Mlp();
        mlp.eval();
        var traced = Jit.Trace(mlp, rand(1, 784));
        var scripted = Jit.Script(mlp);
        var compiledFromScript = Jit.Compile(mlp);
        var compiledFromTrace = Jit.Compile(traced);

        // The same kernels run in the same order in every mode, so results are identical, not just close.
        for (int i = 0; i < 20; i++)
        {
            var x = randn(1, 784);
            var eager = mlp.forward(x);
            Assert.True(eager.BitEquals(traced.forward(x)), "traced");
            Assert.True(eager.BitEquals(scripted.forward(x)), "scripted");
            Assert.True(eager.BitEquals(compiledFromScript.forward(x)), "compiled from script");
            Assert.True(eager.BitEquals(compiledFromTrace.forward(x)), "compiled from trace");
        }
    }

    [Fact]
    public void CompilingTheMlpFreezesWeightsIntoConstantsAndLeavesNoModuleAccess()
    {
        var compiled = Jit.Compile(ModelZoo.Mlp());
        var graph = compiled.OptimizedGraph.ToString();

        Assert.DoesNotContain("prim::GetAttr", graph);
        Assert.DoesNotContain("prim::CallMethod", graph);
        // Linear, ReLU, Linear: the first pair is one fused node at O2.
        Assert.Equal(1, CountOf(graph, "= torchjit::linear_relu("));
        Assert.Equal(1, CountOf(graph, "= aten::linear("));
        Assert.Equal(0, CountOf(graph, "= aten::relu("));
        Assert.Equal(4, CountOf(graph, "prim::Constant[value=<Tensor>]"));
    }

    private static int CountOf(string text, string part) => text.Split(part).Length - 1;
}
