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
    public void TracedScriptedAndCompiledEqualEager(string name)
    {
        var zoo = ModelZoo.Get(name);
        var model = zoo.Create();
        model.eval();
        var x = zoo.ExampleInput();
        var traced = Jit.Trace(model, x);
        var scripted = Jit.Script(model);
        var compiled = Jit.Compile(model);
        for (int i = 0; i < 3; i++)
        {
            var input = zoo.ExampleInput();
            var eager = model.forward(input);
            Assert.True(eager.BitEquals(traced.forward(input)), "traced");
            Assert.True(eager.BitEquals(scripted.forward(input)), "scripted");
            Assert.True(eager.BitEquals(compiled.forward(input)), "compiled");
        }
    }
}
