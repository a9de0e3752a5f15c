using TorchJit.Ir;
using TorchJit.Passes;
using TorchJit.Zoo;
using static TorchJit.torch;

namespace TorchJit.Tests.Passes;

/// <summary>Memory planning and symbolic batch shapes: what is planned, what is shared, and that nothing live overlaps.</summary>
public sealed class MemoryPlannerTests
{
    private const string Mlp = """
        graph(%x : Float(64, 784, strides=[784, 1], requires_grad=0, device=cpu)):
          %w1 : Float(512, 784, strides=[784, 1], requires_grad=0, device=cpu) = prim::Constant[value=<Tensor>]()
          %b1 : Float(512, strides=[1], requires_grad=0, device=cpu) = prim::Constant[value=<Tensor>]()
          %w2 : Float(512, 512, strides=[512, 1], requires_grad=0, device=cpu) = prim::Constant[value=<Tensor>]()
          %w3 : Float(10, 512, strides=[512, 1], requires_grad=0, device=cpu) = prim::Constant[value=<Tensor>]()
          %none : NoneType = prim::Constant()
          %h1 : Tensor = aten::linear(%x, %w1, %b1)
          %r1 : Tensor = aten::relu(%h1)
          %h2 : Tensor = aten::linear(%r1, %w2, %b1)
          %r2 : Tensor = aten::relu(%h2)
          %y : Tensor = aten::linear(%r2, %w3, %none)
          return (%y)
        """;

    [Fact]
    public void The_mlp_needs_two_activation_buffers_and_runs_its_relus_in_place()
    {
        var graph = IrParser.Parse(Mlp);
        var plan = MemoryPlanner.Plan(graph, [.. graph.Inputs.Select(i => i.Type)]);
        const long activation = 64 * 512 * sizeof(float);

        Assert.Equal(4, plan.Slots.Count);          // h1, r1, h2, r2; y is the result
        Assert.Equal(2, plan.InPlace.Count);        // r1 over h1, r2 over h2
        Assert.Equal(4 * activation, plan.SeparateBytes);
        Assert.Equal(2 * activation, plan.ArenaBytes); // h2 cannot overwrite r1 (a GEMM reads all of its input)
        Assert.Contains(plan.Unplanned, u => u.Value.Name == "y" && u.Why == "graph output");
        var slot = plan.Slots.ToDictionary(p => p.Key.Name, p => p.Value);
        Assert.Equal(slot["h1"], slot["r1"]);
        Assert.NotEqual(slot["r1"].Offset, slot["h2"].Offset);
    }

    [Fact]
    public void A_view_keeps_its_base_alive_and_views_of_inputs_take_nothing()
    {
        var graph = IrParser.Parse("""
            graph(%x : Float(8, 8, strides=[8, 1], requires_grad=0, device=cpu)):
              %zero : int = prim::Constant[value=0]()
              %one : int = prim::Constant[value=1]()
              %a : Tensor = aten::exp(%x)
              %t : Tensor = aten::transpose(%a, %zero, %one)
              %b : Tensor = aten::neg(%x)
              %c : Tensor = aten::tanh(%b)
              %d : Tensor = aten::mul(%t, %c)
              %xt : Tensor = aten::transpose(%x, %zero, %one)
              %e : Tensor = aten::mul(%d, %xt)
              return (%e)
            """);
        var plan = MemoryPlanner.Plan(graph, [graph.Inputs[0].Type]);
        var slot = plan.Slots.ToDictionary(p => p.Key.Name, p => p.Value);

        // %a is read through %t at the mul, so %b (born before that) must not share %a's bytes.
        Assert.Equal(slot["a"], slot["t"]);
        Assert.NotEqual(slot["a"].Offset, slot["b"].Offset);
        Assert.Contains(plan.Unplanned, u => u.Value.Name == "xt");
        AssertNoLiveOverlap(graph, plan);
    }

    [Theory]
    [InlineData("mlp512", 64)]
    [InlineData("cnn", 4)]
    [InlineData("transformer", 1)]
    public void No_two_live_values_share_bytes_in_the_zoo(string name, int batch)
    {
        var zoo = ModelZoo.Get(name);
        var model = zoo.Create();
        model.eval();
        var example = zoo.ExampleInput();
        var x = rand([batch, .. example.Shape[1..].ToArray().Select(s => (long)s)]);
        var graph = Jit.Compile(Jit.Trace(model, x), OptLevel.O1).OptimizedGraph;
        var plan = MemoryPlanner.Plan(graph, [.. graph.Inputs.Select(i => i.Type)]);
        Assert.NotEmpty(plan.Slots);
        Assert.True(plan.ArenaBytes < plan.SeparateBytes, plan.Describe());
        AssertNoLiveOverlap(graph, plan);
    }

    [Fact]
    public void Symbolic_shapes_fit_the_batch_dimension()
    {
        var graph = IrParser.Parse("""
            graph(%x : Float(2, 784, strides=[784, 1], requires_grad=0, device=cpu)):
              %w : Float(16, 784, strides=[784, 1], requires_grad=0, device=cpu) = prim::Constant[value=<Tensor>]()
              %none : NoneType = prim::Constant()
              %flat : int[] = prim::Constant[value=[-1]]()
              %h : Tensor = aten::linear(%x, %w, %none)
              %r : Tensor = aten::relu(%h)
              %f : Tensor = aten::reshape(%r, %flat)
              return (%f)
            """);
        var shapes = SymbolicShapes.Infer(graph, [graph.Inputs[0].Type]);
        var byName = shapes.ToDictionary(p => p.Key.Name, p => string.Join(", ", p.Value.Select(d => d.ToString())));
        Assert.Equal("N, 16", byName["r"]);
        Assert.Equal("16*N", byName["f"]);
    }

    // Every pair of planned values in different buffers whose lifetimes overlap must have disjoint bytes.
    private static void AssertNoLiveOverlap(Graph graph, MemoryPlan plan)
    {
        var nodes = graph.Block.Nodes.ToList();
        int Position(Node n)
        {
            while (n.Owner != graph.Block) n = n.Owner!.OwningNode!;
            return nodes.IndexOf(n);
        }

        var life = plan.Slots.Keys.ToDictionary(v => v, v => (Start: Position(v.Node), End: v.Uses.Select(u => Position(u.User)).DefaultIfEmpty(Position(v.Node)).Max()));
        var buffers = plan.Slots.GroupBy(p => p.Value.Buffer).Select(g => (Slot: g.First().Value,
            Start: g.Min(p => life[p.Key].Start), End: g.Max(p => life[p.Key].End))).ToList();
        foreach (var a in buffers)
            foreach (var b in buffers)
            {
                if (a.Slot.Buffer >= b.Slot.Buffer || a.End < b.Start || b.End < a.Start) continue;
                bool disjoint = a.Slot.Offset + a.Slot.Bytes <= b.Slot.Offset || b.Slot.Offset + b.Slot.Bytes <= a.Slot.Offset;
                Assert.True(disjoint, $"buffers {a.Slot.Buffer} and {b.Slot.Buffer} are live together and overlap\n{plan.Describe()}");
            }
    }
}
