using TorchJit.Ir;
using TorchJit.Passes;
using static TorchJit.torch;

namespace TorchJit.Tests.Passes;

/// <summary>A loop with a trip count and a condition becomes a while loop with a counter, computing the same.</summary>
public sealed class CanonicalizeModifiedLoopsTests
{
    // for i in range(n): x = x * 2 + i; stop once sum(x) > limit (a break, as the scripter lowers it).
    private const string Text = """
        graph(%x : Tensor,
              %n : int,
              %limit : float):
          %true : bool = prim::Constant[value=1]()
          %one : int = prim::Constant[value=1]()
          %two : int = prim::Constant[value=2]()
          %none : NoneType = prim::Constant()
          %y : Tensor = prim::Loop(%n, %true, %x)
            block0(%i : int, %acc : Tensor):
              %d : Tensor = aten::mul(%acc, %two)
              %e : Tensor = aten::add(%d, %i, %one)
              %s : Tensor = aten::sum(%e, %none)
              %big : Tensor = aten::gt(%s, %limit)
              %stop : bool = aten::Bool(%big)
              %go : bool = aten::__not__(%stop)
              -> (%go, %e)
          return (%y)
        """;

    [Fact]
    public void The_loop_becomes_a_while_loop_that_computes_the_same()
    {
        var original = IrParser.Parse(Text);
        var canonical = IrParser.Parse(Text);
        Assert.Equal(CodePrinter.LoopKind.Modified, CodePrinter.KindOfLoop(original.Block.Nodes.Single(n => n.Kind == NodeKinds.Loop)));
        Assert.True(PassRegistry.Pipeline("canonicalize-modified-loops").Run(canonical, new PassContext(PassOptions.Default with { Verify = true })));
        Assert.Equal(CodePrinter.LoopKind.While, CodePrinter.KindOfLoop(canonical.Block.Nodes.Single(n => n.Kind == NodeKinds.Loop)));
        Assert.Contains("while ", CodePrinter.Print("forward", canonical, []));

        foreach (long n in new long[] { 0, 1, 3, 7 })
            foreach (double limit in new[] { -1e9, 5.0, 1e9 })
            {
                IValue[] inputs = [IValue.From(randn(2, 3)), IValue.From(n), IValue.From(limit)];
                var expected = Interpreter.Run(original, inputs)[0].ToTensor();
                var actual = Interpreter.Run(canonical, inputs)[0].ToTensor();
                Assert.True(expected.BitEquals(actual), $"n = {n}, limit = {limit}");
            }
    }
}
