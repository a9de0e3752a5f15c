using TorchJit.Ir;
using TorchJit.Passes;
using static TorchJit.torch;

namespace TorchJit.Tests.Passes;

/// <summary>Unrolled loops compute what the loop computed.</summary>
public sealed class UnrollLoopsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(8)]
    public void Unrolled_loops_agree_with_the_loop(int trips)
    {
        string text = $$"""
            graph(%x : Tensor,
                  %s : float):
              %n : int = prim::Constant[value={{trips}}]()
              %true : bool = prim::Constant[value=1]()
              %y : Tensor, %t : Tensor = prim::Loop(%n, %true, %x, %x)
                block0(%i : int, %acc : Tensor, %other : Tensor):
                  %next : Tensor = aten::mul(%acc, %x)
                  %k : Tensor = aten::sub(%next, %i, %s)
                  %swap : Tensor = aten::tanh(%other)
                  -> (%true, %swap, %k)
              return (%y, %t)
            """;
        var loop = IrParser.Parse(text);
        var unrolled = IrParser.Parse(text);
        Assert.True(PassRegistry.Pipeline("unroll-loops").Run(unrolled, new PassContext(PassOptions.Default with { Verify = true })));
        Assert.DoesNotContain(unrolled.Block.Nodes, n => n.Kind == NodeKinds.Loop);
        for (int i = 0; i < 5; i++)
        {
            IValue[] inputs = [IValue.From(randn(3, 4)), IValue.From(0.25 * i)];
            var expected = Interpreter.Run(loop, inputs);
            var actual = Interpreter.Run(unrolled, inputs);
            Assert.True(expected[0].ToTensor().BitEquals(actual[0].ToTensor()));
            Assert.True(expected[1].ToTensor().BitEquals(actual[1].ToTensor()));
        }
    }
}
