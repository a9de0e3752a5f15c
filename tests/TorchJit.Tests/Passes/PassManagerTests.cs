using TorchJit.Ir;
using TorchJit.Passes;

namespace TorchJit.Tests.Passes;

/// <summary>The pipeline's debugging knobs: verification after each pass, dumps, rewrite limits.</summary>
public sealed class PassManagerTests
{
    private const string FourRelus = """
        graph(%x : Tensor):
          %a : Tensor = aten::relu(%x)
          %b : Tensor = aten::relu(%x)
          %c : Tensor = aten::relu(%x)
          %d : Tensor = aten::relu(%x)
          return (%a, %b, %c, %d)
        """;

    [Fact]
    public void Opt_limit_caps_the_rewrites_of_the_named_pass()
    {
        var graph = IrParser.Parse(FourRelus);
        var context = new PassContext(PassOptions.Parse(null, "eliminate-common-subexpressions=2", "1"));
        PassRegistry.Pipeline("eliminate-common-subexpressions").Run(graph, context);

        // Two of the three duplicates merged; the third stays, as the limit asked.
        Assert.Equal(2, graph.Block.Nodes.Count(n => n.Kind == "aten::relu"));
    }

    [Fact]
    public void Opt_limit_zero_disables_the_pass_and_other_passes_are_unaffected()
    {
        var graph = IrParser.Parse(FourRelus);
        PassRegistry.Pipeline("eliminate-common-subexpressions").Run(graph, new PassContext(PassOptions.Parse(null, "peephole=0", null)));
        Assert.Single(graph.Block.Nodes, n => n.Kind == "aten::relu");

        graph = IrParser.Parse(FourRelus);
        PassRegistry.Pipeline("eliminate-common-subexpressions").Run(graph, new PassContext(PassOptions.Parse(null, "eliminate-common-subexpressions=0", null)));
        Assert.Equal(4, graph.Block.Nodes.Count(n => n.Kind == "aten::relu"));
    }

    [Theory]
    [InlineData("cse")]
    [InlineData("cse=")]
    [InlineData("cse=-1")]
    [InlineData("=3")]
    public void Malformed_opt_limits_are_refused(string text)
    {
        var e = Assert.Throws<ArgumentException>(() => PassOptions.Parse(null, text, null));
        Assert.Contains("TORCHJIT_OPT_LIMIT", e.Message);
    }

    [Fact]
    public void Log_dumps_the_graph_after_the_named_passes_only()
    {
        var lines = new List<string>();
        var context = new PassContext(PassOptions.Parse("eliminate-common-subexpressions", null, "1")) { Log = lines.Add };
        PassRegistry.Pipeline("peephole,eliminate-common-subexpressions,eliminate-dead-code").Run(IrParser.Parse(FourRelus), context);

        var dumps = lines.Where(l => l.StartsWith("=== graph after", StringComparison.Ordinal)).ToList();
        var dump = Assert.Single(dumps);
        Assert.StartsWith("=== graph after eliminate-common-subexpressions ===", dump);
        Assert.Contains("return (%a, %a, %a, %a)", dump);
    }

    [Fact]
    public void A_pass_that_breaks_the_graph_is_named_by_the_verifier()
    {
        var graph = IrParser.Parse(FourRelus);
        var e = Assert.Throws<InvalidOperationException>(() =>
            new PassManager([new MoveUseBeforeDefinition()]).Run(graph, new PassContext(PassOptions.Default with { Verify = true })));
        Assert.Contains("after pass move-use-before-definition", e.Message);
        Assert.Contains("not defined before it in scope", e.Message);
    }

    [Fact]
    public void The_registry_names_every_pass_and_refuses_unknown_ones()
    {
        foreach (var name in PassRegistry.Names) Assert.Equal(name, PassRegistry.Create(name).Name);
        var e = Assert.Throws<ArgumentException>(() => PassRegistry.Create("fuse-everything"));
        Assert.Contains("peephole", e.Message);
    }

    // A broken pass: moves the last node to the front, before the value it reads exists.
    private sealed class MoveUseBeforeDefinition : IGraphPass
    {
        public string Name => "move-use-before-definition";

        public bool Run(Graph graph, PassContext context)
        {
            var first = graph.Block.Nodes.First();
            var consumer = graph.Create("aten::relu", OpRegistry.Get("aten::relu"));
            consumer.AddInput(graph.Block.Nodes.Last().Output);
            consumer.AddOutput(TensorType.Any);
            consumer.InsertBefore(first);
            return true;
        }
    }
}
