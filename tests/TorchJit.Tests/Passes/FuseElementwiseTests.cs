using TorchJit.Ir;
using TorchJit.Passes;
using static TorchJit.torch;

namespace TorchJit.Tests.Passes;

/// <summary>
/// The elementwise fuser and the chunked sweep: the groups it forms, and results bit-identical to the ops run
/// one by one, across chunk boundaries, broadcasts, scalars, special values and the op-by-op fallback.
/// </summary>
public sealed class FuseElementwiseTests
{
    [Fact]
    public void A_chain_becomes_one_group_with_the_values_read_outside_as_outputs()
    {
        var graph = Fused(SampleGraphs.Swish, out var log);
        var group = Assert.Single(graph.Block.Nodes, n => n.Kind == NodeKinds.FusionGroup);
        Assert.Equal(3, group.Inputs.Count);  // x, b, k: the number constants moved inside
        Assert.Equal(2, group.Outputs.Count); // r, and y which is also returned
        Assert.DoesNotContain(graph.Block.Nodes, n => n.Kind.StartsWith("aten::", StringComparison.Ordinal));
        Assert.Empty(log);
    }

    [Theory]
    [InlineData(new[] { 0 }, new[] { 0 })]
    [InlineData(new[] { 1 }, new[] { 1 })]
    [InlineData(new[] { 1023 }, new[] { 1023 })]
    [InlineData(new[] { 1024 }, new int[0])]
    [InlineData(new[] { 3, 1025 }, new[] { 1025 })]
    [InlineData(new[] { 7, 300 }, new[] { 1, 300 })]
    [InlineData(new[] { 2, 3, 700 }, new[] { 3, 700 })]
    public void Fused_results_are_bit_identical_to_the_ops_one_by_one(int[] xShape, int[] bShape)
    {
        var original = IrParser.Parse(SampleGraphs.Swish);
        var fused = Fused(SampleGraphs.Swish, out _);
        manual_seed(xShape.Sum() + bShape.Length);
        for (int trial = 0; trial < 5; trial++)
        {
            var x = WithSpecials(randn([.. xShape.Select(s => (long)s)]) * 4);
            var b = randn([.. bShape.Select(s => (long)s)]);
            IValue[] inputs = [IValue.From(x), IValue.From(b), IValue.From(trial == 0 ? 2.0 : 0.75 + trial)];
            var expected = Interpreter.Run(original, inputs);
            var actual = Interpreter.Run(fused, inputs);
            for (int i = 0; i < expected.Length; i++)
                Assert.True(expected[i].ToTensor().BitEquals(actual[i].ToTensor()), $"output {i}, x {x.Describe()}, b {b.Describe()}, trial {trial}");
        }
    }

    [Fact]
    public void The_sweep_allocates_only_the_outputs()
    {
        // Seven ops, two outputs: op by op allocates seven result tensors, the sweep two (and chunk scratch
        // once per thread). That is the memory traffic fusion exists to save.
        var fused = Fused(SampleGraphs.Swish, out _);
        var x = randn(64, 1000);
        IValue[] inputs = [IValue.From(x), IValue.From(randn(1000)), IValue.From(1.5)];
        Interpreter.Run(fused, inputs); // warm: scratch, compiled group
        long before = GC.GetAllocatedBytesForCurrentThread();
        Interpreter.Run(fused, inputs);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        long tensorBytes = x.NumElements * sizeof(float);
        Assert.InRange(allocated, 2 * tensorBytes, 3 * tensorBytes);
    }

    [Fact]
    public void Inputs_the_sweep_cannot_read_run_op_by_op_with_the_same_results()
    {
        // An int64 bias (promoted to float by aten::add) and a broadcast that grows both operands ([3, 1] with [1, 4]) take the fallback.
        var original = IrParser.Parse(SampleGraphs.Swish);
        var fused = Fused(SampleGraphs.Swish, out _);
        foreach (var (x, b) in new[] { (randn(3, 4), arange(4)), (randn(3, 1), randn(1, 4)) })
        {
            IValue[] inputs = [IValue.From(x), IValue.From(b), IValue.From(1.5)];
            var expected = Interpreter.Run(original, inputs);
            var actual = Interpreter.Run(fused, inputs);
            for (int i = 0; i < expected.Length; i++) Assert.True(expected[i].ToTensor().BitEquals(actual[i].ToTensor()), $"output {i} for x {x.Describe()}");
        }
    }

    [Fact]
    public void Non_elementwise_ops_split_groups_and_are_logged_with_the_reason()
    {
        var graph = Fused("""
            graph(%x : Tensor):
              %one : int = prim::Constant[value=1]()
              %none : NoneType = prim::Constant()
              %a : Tensor = aten::exp(%x)
              %b : Tensor = aten::neg(%a)
              %s : Tensor = aten::softmax(%b, %one, %none)
              %c : Tensor = aten::tanh(%s)
              %d : Tensor = aten::relu(%c)
              %e : Tensor = aten::eq(%d, %x)
              return (%e)
            """, out var log);
        Assert.Equal(2, graph.Block.Nodes.Count(n => n.Kind == NodeKinds.FusionGroup));
        Assert.Contains(log, l => l.Contains("rejected aten::softmax: not an elementwise op the fuser knows", StringComparison.Ordinal));
        Assert.Contains(log, l => l.Contains("rejected aten::eq", StringComparison.Ordinal));
    }

    [Fact]
    public void Pow_by_a_graph_number_is_not_fused_since_the_op_depends_on_its_value()
    {
        var graph = Fused("""
            graph(%x : Tensor,
                  %e : float):
              %a : Tensor = aten::exp(%x)
              %b : Tensor = aten::pow(%a, %e)
              return (%b)
            """, out var log);
        Assert.DoesNotContain(graph.Block.Nodes, n => n.Kind == NodeKinds.FusionGroup);
        Assert.Contains(log, l => l.Contains("rejected aten::pow: non-constant exponent", StringComparison.Ordinal));
    }

    [Fact]
    public void A_single_op_or_a_non_constant_alpha_is_left_alone()
    {
        var graph = Fused("""
            graph(%x : Tensor,
                  %y : Tensor,
                  %alpha : int):
              %a : Tensor = aten::relu(%x)
              %b : Tensor = aten::add(%a, %y, %alpha)
              return (%b)
            """, out var log);
        Assert.DoesNotContain(graph.Block.Nodes, n => n.Kind == NodeKinds.FusionGroup);
        Assert.Contains(log, l => l.Contains("rejected aten::add: alpha is not the constant 1", StringComparison.Ordinal));
    }

    private static Graph Fused(string text, out List<string> log)
    {
        var graph = IrParser.Parse(text);
        var lines = new List<string>();
        new PassManager([new FuseElementwise()]).Run(graph, new PassContext(PassOptions.Default with { Verify = true }) { Log = lines.Add });
        log = lines.Where(l => l.Contains("rejected", StringComparison.Ordinal)).ToList();
        return graph;
    }

    // Scatters NaN, ±inf, -0 and a denormal through x: the fused sweep must treat them as the ops do.
    private static Tensor WithSpecials(Tensor x)
    {
        var data = x.ToArray();
        float[] specials = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0f, 1e-40f];
        for (int i = 0; i < data.Length; i += 97) data[i] = specials[i / 97 % specials.Length];
        return Tensor.FromArray(data, x.Shape.ToArray());
    }
}
