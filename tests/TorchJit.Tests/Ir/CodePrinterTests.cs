using TorchJit.Ir;

namespace TorchJit.Tests.Ir;

/// <summary>
/// <see cref="CodePrinter"/> on the corpus: python_print's rules for loops (<c>for</c> vs <c>while</c>, the
/// condition variable), carried values, <c>if</c> without outputs, tuples, and line splitting.
/// </summary>
public sealed class CodePrinterTests
{
    private static string Code(string ir, string name = "f") => CodePrinter.Print(name, IrParser.Parse(ir), [], isMethod: false);

    [Fact]
    public void ForLoopAssignsCarriedValuesBeforeAndAtTheEndOfTheBody()
    {
        Assert.Equal(
            """
            def f(x: Tensor,
                n: int) -> Tuple[Tensor, int]:
              y = x
              acc = 0
              for i in range(n):
                y, acc = torch.add(y, x), torch.add(acc, i)
              return (y, acc)

            """,
            Code(IrCorpus.ForLoop));
    }

    [Fact]
    public void WhileLoopNamesItsConditionAfterTheUnusedTripCount()
    {
        Assert.Equal(
            """
            def f(x: Tensor,
                limit: int) -> Tensor:
              i = 0
              y = x
              _0 = torch.lt(0, limit)
              while _0:
                y0 = torch.mul(y, y)
                i0 = torch.add(i, 1)
                _0, i, y = torch.lt(i0, limit), i0, y0
              return y

            """,
            Code(IrCorpus.WhileLoop));
    }

    [Fact]
    public void LoopKindsFollowLoopView()
    {
        CodePrinter.LoopKind KindOf(string ir) => CodePrinter.KindOfLoop(IrParser.Parse(ir).Block.Nodes.First(n => n.Kind == NodeKinds.Loop));

        Assert.Equal(CodePrinter.LoopKind.For, KindOf(IrCorpus.ForLoop));
        Assert.Equal(CodePrinter.LoopKind.While, KindOf(IrCorpus.WhileLoop));
        Assert.Equal(CodePrinter.LoopKind.Modified, KindOf(IrCorpus.ForWithBreak));
        // while True: with an unused counter and the default trip count.
        Assert.Equal(CodePrinter.LoopKind.While, KindOf("""
            graph(%x : Tensor):
              %max : int = prim::Constant[value=9223372036854775807]()
              %t : bool = prim::Constant[value=1]()
              %y : Tensor = prim::Loop(%max, %t, %x)
                block0(%i : int, %y.1 : Tensor):
                  -> (%t, %y.1)
              return (%y)
            """));
    }

    [Fact]
    public void ALoopWithATripCountAndAConditionIsRefused()
    {
        var e = Assert.Throws<NotSupportedException>(() => Code(IrCorpus.ForWithBreak));
        Assert.StartsWith("loop cannot be printed as python because it has gone through an optimization that combined while and for loops", e.Message);
    }

    [Fact]
    public void NestedLoopsIndentAndReassignAtEachLevel()
    {
        Assert.Equal(
            """
            def f(x: Tensor,
                n: int) -> Tuple[int, Tensor]:
              acc = 0
              y = x
              for i in range(n):
                acc0 = acc
                y0 = y
                for j in range(i):
                  acc0, y0 = torch.add(acc0, torch.mul(i, j)), torch.add(torch.mul(y0, 0.5), x)
                acc, y = acc0, y0
              return (acc, y)

            """,
            Code(IrCorpus.NestedLoops));
    }

    [Fact]
    public void LoopInsideAnIfAssignsTheIfOutputInBothBranches()
    {
        Assert.Equal(
            """
            def f(x: Tensor,
                c: bool,
                n: int) -> Tensor:
              if c:
                y0 = x
                for i in range(n):
                  y0 = torch.add(y0, x)
                y = y0
              else:
                y = x
              return y

            """,
            Code(IrCorpus.LoopInIf));
    }

    [Fact]
    public void CarriedScalarsAndASwapPrintAsOneParallelAssignment()
    {
        Assert.Equal(
            """
            def f(a: Tensor,
                b: Tensor,
                n: int) -> Tuple[Tensor, Tensor, float, bool]:
              a0 = a
              b0 = b
              f = 1.
              flag = False
              for i in range(n):
                a0, b0, f, flag = b0, a0, torch.mul(f, 1.5), torch.__not__(flag)
              return (a0, b0, f, flag)

            """,
            Code(IrCorpus.SwapAndScalars));
    }

    [Fact]
    public void AnIfWithoutOutputsPrintsPassInItsEmptyElse()
    {
        Assert.Equal(
            """
            def f(x: Tensor,
                c: bool) -> Tensor:
              if c:
                print(x)
              else:
                pass
              return x

            """,
            Code(IrCorpus.IfWithoutOutputs));
    }

    [Fact]
    public void TuplesListsAndLiterals()
    {
        string code = Code(IrCorpus.Structures);

        // Named values keep their statements; a tuple unpack ends in a comma.
        Assert.Contains("  t = (a, b)\n  x, y, = t\n  l = [y, b]\n  tl = [x, a]\n", code);
        Assert.Contains("\"say \\\"hi\\\"\\n\\tand \\\\ \\'bye\\'\"", code);
        Assert.Contains("None, 0.10000000000000001, 1.0000000000000001e-05, 10., -inf, [1, -2, 3], annotate(List[int], []), True, False, -9223372036854775808)", code);
    }

    [Fact]
    public void TensorConstantsGoToTheTableOnceEach()
    {
        var constants = new List<Tensor>();
        string code = CodePrinter.Print("forward", IrParser.Parse(IrCorpus.TensorConstants), constants);

        Assert.Equal(
            """
            def forward(self,
                x: Tensor) -> Tensor:
              _0 = torch.mul(torch.add(x, CONSTANTS.c0), CONSTANTS.c1)
              return torch.sub(_0, CONSTANTS.c2)

            """,
            code);
        Assert.Equal(3, constants.Count);
        Assert.Equal(10L, constants[0].item<long>());
    }

    [Fact]
    public void EqualTensorConstantsShareAnEntry()
    {
        var g = new Graph();
        var x = g.AddInput(TensorType.Any, "x");
        var a = g.InsertConstant(Tensor.FromArray([1f, 2f], 2));
        var b = g.InsertConstant(Tensor.FromArray([1f, 2f], 2));
        var first = g.Insert(g.CreateOp(OpRegistry.Get("aten::mul.Tensor"), [x, a]));
        var second = g.Insert(g.CreateOp(OpRegistry.Get("aten::mul.Tensor"), [first.Output, b]));
        g.AddOutput(second.Output);
        var constants = new List<Tensor>();

        string code = CodePrinter.Print("f", g, constants, isMethod: false);

        Assert.Single(constants);
        Assert.Contains("torch.mul(torch.mul(x, CONSTANTS.c0), CONSTANTS.c0)", code);
    }

    [Fact]
    public void ALongConstantIsAssignedAtTheTopAndKwargOnlyArgumentsAreNamed()
    {
        Assert.Equal(
            """
            def f(x: Tensor) -> Tensor:
              _0 = "a string constant that does not fit on the line"
              y = torch.gelu(x, approximate=_0)
              return torch.gelu(y, approximate="tanh")

            """,
            Code("""
                graph(%x : Tensor):
                  %1 : str = prim::Constant[value="a string constant that does not fit on the line"]()
                  %2 : str = prim::Constant[value="tanh"]()
                  %y : Tensor = aten::gelu(%x, %1)
                  %3 : Tensor = aten::gelu(%y, %2)
                  return (%3)
                """));
    }

    [Fact]
    public void SplittingALongInlineSplitsTheInlinesToItsLeftFirst()
    {
        // The mul line is long (40 with the indent); relu(x), left of it in the expression tree, is evaluated
        // first, so it is split out first to keep the order. The outer add is then long too.
        var code = Code("""
            graph(%x : Tensor,
                  %some_long_name : Tensor):
              %2 : int = prim::Constant[value=1]()
              %3 : Tensor = aten::relu(%x)
              %4 : Tensor = aten::mul(%some_long_name, %some_long_name)
              %5 : Tensor = aten::add(%4, %some_long_name, %2)
              %6 : Tensor = aten::add(%3, %5, %2)
              return (%6)
            """);

        Assert.Equal(
            """
            def f(x: Tensor,
                some_long_name: Tensor) -> Tensor:
              _0 = torch.relu(x)
              _1 = torch.mul(some_long_name, some_long_name)
              _2 = torch.add(_0, torch.add(_1, some_long_name))
              return _2

            """,
            code);
    }
}
