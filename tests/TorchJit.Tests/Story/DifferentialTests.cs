namespace TorchJit.Tests.Story;

/// <summary>Every scriptable test model: eager == scripted (interpreted) == compiled, bit for bit, on many inputs.</summary>
public sealed class DifferentialTests
{
    [Theory]
    [MemberData(nameof(TestModels.Names), MemberType = typeof(TestModels))]
    public void EagerScriptedAndCompiledAgreeBitForBit(string name)
    {
        var model = TestModels.Scriptable[name]();
        var scripted = Jit.Script(model);
        var compiled = Jit.Compile(model);
        foreach (var x in TestModels.Inputs(name, 50))
        {
            var eager = model.forward(x);
            Assert.True(eager.BitEquals(scripted.forward(x)), $"{name}: scripted differs on {x}");
            Assert.True(eager.BitEquals(compiled.forward(x)), $"{name}: compiled differs on {x}");
        }
    }

    [Theory]
    [MemberData(nameof(TestModels.Names), MemberType = typeof(TestModels))]
    public void EveryOptimizationLevelAgrees(string name)
    {
        var model = TestModels.Scriptable[name]();
        var levels = new[] { TorchJit.Passes.OptLevel.O0, TorchJit.Passes.OptLevel.O1, TorchJit.Passes.OptLevel.O2 }.Select(l => Jit.Compile(model, l)).ToArray();
        foreach (var x in TestModels.Inputs(name, 10))
        {
            var eager = model.forward(x);
            foreach (var compiled in levels) Assert.True(eager.BitEquals(compiled.forward(x)), name);
        }
    }
}
