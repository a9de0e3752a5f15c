using TorchJit.Ir;

namespace TorchJit.Tests.Ir;

/// <summary>The canonical print the trace checker compares, and the dot output.</summary>
public sealed class GraphTextTests
{
    [Fact]
    public void CanonicalPrintErasesShapesAndRenumbers()
    {
        var graph = IrParser.Parse(IrCorpus.TensorConstants);

        Assert.Equal(
            """
            graph(%self : __torch__.M,
                  %x : Tensor):
              %0 : Tensor = prim::Constant[value={10}]()
              %1 : Tensor = prim::Constant[value={0.5}]()
              %2 : Tensor = prim::Constant[value=<Tensor>]()
              %3 : int = prim::Constant[value=1]()
              %4 : Tensor = aten::add(%x, %0, %3) # M.cs:12:9
              %5 : Tensor = aten::mul(%4, %1) # M.cs:13:9
              %6 : Tensor = aten::sub(%5, %2, %3) # M.cs:14:9
              return (%6)

            """,
            GraphPrinter.PrintCanonical(graph));
    }

    [Fact]
    public void DotHasANodePerOpAClusterPerBlockAndAnEdgePerUse()
    {
        var graph = IrParser.Parse(IrCorpus.LoopInIf);

        string dot = graph.ToDot();

        Assert.StartsWith("digraph \"graph\" {\n", dot);
        Assert.EndsWith("}\n", dot);
        // If has two blocks, the loop inside one more: three clusters.
        Assert.Equal(3, CountOf(dot, "subgraph cluster_"));
        Assert.Contains("label=\"prim::If\"", dot);
        Assert.Contains("label=\"prim::Loop\"", dot);
        Assert.Contains("label=\"aten::add\"", dot);
        Assert.Contains("label=\"prim::Constant[value=1]\"", dot);
        // One edge per use: every input of every node, block returns included.
        int uses = AllNodes(graph.Block).Sum(n => n.Inputs.Count);
        Assert.Equal(uses, CountOf(dot, " -> "));
        Assert.Contains("[label=\"%x.1\"]", dot);
        Assert.Contains("[label=\"%y.3\"]", dot);
    }

    [Fact]
    public void DotEscapesQuotes()
    {
        var g = new Graph();
        g.AddOutput(g.InsertConstant("a \"quoted\" string"));

        Assert.Contains("label=\"prim::Constant[value=\\\"a \\\\\\\"quoted\\\\\\\" string\\\"]\"", g.ToDot());
    }

    // Every node that reads values: the block's nodes, their blocks' nodes, and each block's return.
    private static IEnumerable<Node> AllNodes(Block b) =>
        b.Nodes.SelectMany(n => n.Blocks.SelectMany(AllNodes).Prepend(n)).Append(b.ReturnNode);

    private static int CountOf(string text, string what) => (text.Length - text.Replace(what, "", StringComparison.Ordinal).Length) / what.Length;
}
