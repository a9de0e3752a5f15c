using TorchJit.Ir;

namespace TorchJit.Tests.Ir;

/// <summary>The parser reads what the printer writes, with types optional as in <c>torch._C.parse_ir</c>.</summary>
public sealed class ParserTests
{
    public static TheoryData<string> Corpus => [.. IrCorpus.All.Keys.Order()];

    [Theory]
    [MemberData(nameof(Corpus))]
    public void PrintParsePrintIsIdentical(string name)
    {
        string text = IrCorpus.All[name];
        string printed = IrParser.Parse(text).ToString();

        Assert.Equal(text, printed);
        Assert.Equal(printed, IrParser.Parse(printed).ToString());
    }

    [Fact]
    public void SourceCommentsReadBackAsSourceLocations()
    {
        var graph = IrParser.Parse(IrCorpus.TensorConstants);
        var add = graph.Block.Nodes.Single(n => n.Kind == "aten::add");

        Assert.Equal(new SourceLocation("M.cs", 12, 9), add.Source);
    }

    [Fact]
    public void UntypedValuesTakeTheTypesTheirDefinitionsGive()
    {
        var graph = IrParser.Parse("""
            graph(%x, %n : int):
              %c = prim::Constant[value=2]()
              %h = prim::Constant[value=0.5]()
              %s = prim::Constant[value="s"]()
              %none = prim::Constant()
              %ints = prim::Constant[value=[1, 2]]()
              %y = aten::mul(%x, %c)
              %k = aten::add(%n, %c)
              %lt = aten::lt(%k, %n)
              %l = prim::ListConstruct(%y, %x)
              %t = prim::TupleConstruct(%y, %k)
              %a, %b = prim::TupleUnpack(%t)
              %true = prim::Constant[value=1]()
              %loop = prim::Loop(%n, %true, %y)
                block0(%i, %v):
                  %w = aten::add(%v, %x, %c)
                  -> (%true, %w)
              %branch = prim::If(%lt)
                block0():
                  -> (%k)
                block1():
                  -> (%n)
              return (%loop, %branch)
            """);

        Assert.Equal(
            """
            graph(%x : Tensor,
                  %n : int):
              %c : int = prim::Constant[value=2]()
              %h : float = prim::Constant[value=0.5]()
              %s : str = prim::Constant[value="s"]()
              %none : NoneType = prim::Constant()
              %ints : int[] = prim::Constant[value=[1, 2]]()
              %y : Tensor = aten::mul(%x, %c)
              %k : int = aten::add(%n, %c)
              %lt : bool = aten::lt(%k, %n)
              %l : Tensor[] = prim::ListConstruct(%y, %x)
              %t : (Tensor, int) = prim::TupleConstruct(%y, %k)
              %a : Tensor, %b : int = prim::TupleUnpack(%t)
              %true : int = prim::Constant[value=1]()
              %loop : Tensor = prim::Loop(%n, %true, %y)
                block0(%i : int, %v : Tensor):
                  %w : Tensor = aten::add(%v, %x, %c)
                  -> (%true, %w)
              %branch : int = prim::If(%lt)
                block0():
                  -> (%k)
                block1():
                  -> (%n)
              return (%loop, %branch)

            """,
            graph.ToString());
    }

    [Fact]
    public void AnnotatedOutputTypesMustFitTheSchema()
    {
        var e = Assert.Throws<FormatException>(() => IrParser.Parse("""
            graph(%x : Tensor):
              %y : int = aten::relu(%x)
              return (%y)
            """));

        Assert.Equal("IR line 2: Annotated type int does not match schema type Tensor for output 0 of aten::relu", e.Message);
    }

    [Fact]
    public void ErrorsNameTheLine()
    {
        Assert.Equal(
            "IR line 3: cannot find a value named %z",
            Assert.Throws<FormatException>(() => IrParser.Parse("graph(%x : Tensor):\n  %y : Tensor = aten::relu(%x)\n  return (%z)\n")).Message);
        Assert.Equal(
            "IR line 2: no overload of aten::relu takes (int)",
            Assert.Throws<FormatException>(() => IrParser.Parse("graph(%x : int):\n  %y = aten::relu(%x)\n  return (%y)\n")).Message);
        Assert.Contains(
            "missing '-> (...)' at the end of a block",
            Assert.Throws<FormatException>(() => IrParser.Parse("graph(%c : bool):\n  %y : int = prim::If(%c)\n    block0():\n")).Message);
    }

    [Fact]
    public void StringsKeepEveryCharacter()
    {
        string[] samples = ["", "plain", "quote \" and backslash \\", "tab\tnewline\nreturn\r", "bell\a vertical\v", "ünïcödé €", "\u0001\u007f"];
        foreach (var s in samples)
        {
            var g = new Graph();
            g.AddOutput(g.InsertConstant(s));
            var parsed = IrParser.Parse(g.ToString());
            Assert.Equal(s, parsed.Outputs[0].Node.Attribute("value"));
        }
    }

    [Fact]
    public void FloatsKeepEveryBit()
    {
        double[] samples = [0.1, 1e-5, 10, -0.0, 1.0 / 3, 6.02214076e23, double.Epsilon, double.MaxValue, double.PositiveInfinity, double.NaN];
        foreach (var d in samples)
        {
            var g = new Graph();
            g.AddOutput(g.InsertConstant(d));
            var parsed = (double)IrParser.Parse(g.ToString()).Outputs[0].Node.Attribute("value")!;
            Assert.Equal(BitConverter.DoubleToInt64Bits(d), BitConverter.DoubleToInt64Bits(parsed));
        }
    }
}
