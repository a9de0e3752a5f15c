using TorchJit.Ir;
using static TorchJit.torch;

namespace TorchJit.Tests.Ir;

/// <summary>Every graph the frontends produce prints, parses and prints again unchanged.</summary>
public sealed class RoundTripTests
{
    [Theory]
    [MemberData(nameof(TestModels.Names), MemberType = typeof(TestModels))]
    public void ScriptedGraphsRoundTrip(string name)
    {
        string printed = GraphPrinter.Print(Jit.Script(TestModels.Scriptable[name]()).ForwardGraph, sourceRanges: false);
        Assert.Equal(printed, IrParser.Parse(printed).ToString());
    }

    [Fact]
    public void TracedGraphRoundTripsWithItsTensorConstant()
    {
        var traced = Jit.Trace(new Zoo.CondModel(), rand(2, 3), _ => { });
        string printed = GraphPrinter.Print(traced.ForwardGraph, sourceRanges: false);
        var parsed = IrParser.Parse(printed);

        Assert.Equal(printed, parsed.ToString());
        var x = rand(2, 3);
        var expected = Interpreter.Run(traced.ForwardGraph, IValue.Object(traced.Object), x)[0].ToTensor();
        var actual = Interpreter.Run(parsed, IValue.Object(traced.Object), x)[0].ToTensor();
        Assert.True(expected.BitEquals(actual));
    }

    [Fact]
    public void UnknownValuesAndOpsAreNamed()
    {
        Assert.Contains("cannot find a value named %y", Assert.Throws<FormatException>(() => IrParser.Parse("graph(%x : Tensor):\n  return (%y)\n")).Message);
        Assert.Contains("unknown op 'aten::nope'", Assert.Throws<FormatException>(() => IrParser.Parse("graph(%x : Tensor):\n  %y : Tensor = aten::nope(%x)\n  return (%y)\n")).Message);
    }
}
