using Opt = TorchJit.Tests.Models.Optimized;
using Unopt = TorchJit.Tests.Models.Unoptimized;
using static TorchJit.torch;

namespace TorchJit.Tests.Frontend;

/// <summary>[Export] methods (torch.jit.export), [Ignore] methods, helper methods and functions of a scripted module.</summary>
public sealed class ExportTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ExportedMethodsAreScriptedBesideForwardAndIgnoredOnesAreNot(bool optimized)
    {
        torch.nn.Module<Tensor, Tensor> model = optimized ? new Opt.ExportModel() : new Unopt.ExportModel();
        var scripted = Jit.Script(model);

        Assert.Contains("forward", scripted.MethodNames);
        Assert.Contains("Encode", scripted.MethodNames);
        Assert.Contains("Describe", scripted.MethodNames);
        Assert.DoesNotContain("Log", scripted.MethodNames);
        Assert.Contains("prim::CallMethod[name=\"Encode\"](%self, %x)", scripted.Graph);
        Assert.Contains("prim::CallMethod[name=\"forward\"](%encoder, %x)", scripted.GraphOf("Encode"));
    }

    [Fact]
    public void RunMethodRunsAnExportedMethodInTheInterpreter()
    {
        var model = new Unopt.ExportModel();
        var scripted = Jit.Script(model);
        var x = rand(3, 4);

        var encoded = Assert.IsType<Tensor>(scripted.RunMethod("Encode", x));
        Assert.True(model.Encode(x).BitEquals(encoded));
    }

    [Fact]
    public void RunMethodReturnsTuplesAsValueTuplesOrArrays()
    {
        var model = new Opt.ExportModel();
        var scripted = Jit.Script(model);
        var x = rand(2, 4);
        var (code, width) = model.Describe(x, 3);

        var (scriptedCode, scriptedWidth) = scripted.RunMethod<(Tensor, long)>("Describe", x, 3L);
        Assert.True(code.BitEquals(scriptedCode));
        Assert.Equal(width, scriptedWidth);
        var untyped = Assert.IsType<object?[]>(scripted.RunMethod("Describe", x, 3L));
        Assert.Equal(5L, untyped[1]);
    }

    [Fact]
    public void RunMethodNamesWhatIsWrong()
    {
        var scripted = Jit.Script(new Unopt.ExportModel());

        Assert.Contains("takes 2 arguments, got 1", Assert.Throws<ArgumentException>(() => scripted.RunMethod("Describe", rand(2, 4))).Message);
        Assert.Contains("has no method 'Log'", Assert.Throws<KeyNotFoundException>(() => scripted.RunMethod("Log", rand(2, 4))).Message);
    }

    [Fact]
    public void HelperMethodsBecomeMethodsOfTheObjectAndOverloadsGetDistinctNames()
    {
        var helpers = Jit.Script(new Unopt.InstanceHelperModel());
        Assert.Equal(["Clip", "Scale", "forward"], helpers.MethodNames.Order(StringComparer.Ordinal));
        Assert.Contains("prim::CallMethod[name=\"Clip\"](%self", helpers.Graph);

        var overloads = Jit.Script(new Opt.OverloadModel());
        Assert.Contains("Combine", overloads.MethodNames);
        Assert.Contains("Combine__1", overloads.MethodNames);
        Assert.Contains("forward__1", overloads.MethodNames);
        Assert.Contains("prim::CallMethod[name=\"forward__1\"](%self", overloads.GraphOf("Combine"));
    }

    [Fact]
    public void StaticHelpersAreFunctionsCalledThroughAFunctionConstant()
    {
        var scripted = Jit.Script(new Unopt.StaticHelperModel());

        Assert.Contains(": Function = prim::Constant[name=\"Smooth\"]()", scripted.Graph);
        Assert.Contains("= prim::CallFunction(", scripted.Graph);
        Assert.DoesNotContain("prim::CallFunction", scripted.InlinedGraph);
        Assert.Contains("prim::Loop", scripted.InlinedGraph);
    }

    [Fact]
    public void SubModuleMethodsOtherThanForwardAreCalledByName()
    {
        var scripted = Jit.Script(new Unopt.TupleInModel());

        Assert.Contains("prim::CallMethod[name=\"forward\"](%mix, %", scripted.Graph);
        Assert.Contains("(Tensor, Tensor) = prim::TupleConstruct(", scripted.Graph);
    }
}
