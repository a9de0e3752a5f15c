using TorchJit.Codegen;
using TorchJit.Ir;
using TorchJit.Kernels;
using TorchJit.Passes;
using static TorchJit.Tests.Codegen.Fusion.FusedLoopCheck;

namespace TorchJit.Tests.Codegen.Fusion;

/// <summary>
/// Fusion groups compiled to SIMD loops compute the same bits as the chunked sweep (and so as eager), at every
/// vector width, for every length around the vector and unroll boundaries, with scalars, rows and specials.
/// </summary>
public sealed class FusedLoopKernelTests
{
    private const string SigmoidChain = """
        graph(%x : Tensor,
              %a : float,
              %b : float):
          %one : int = prim::Constant[value=1]()
          %m : Tensor = aten::mul(%x, %a)
          %s : Tensor = aten::add(%m, %b, %one)
          %g : Tensor = aten::sigmoid(%s)
          %t : Tensor = aten::tanh(%x)
          %y : Tensor = aten::mul(%g, %t)
          return (%y)
        """;

    public static TheoryData<int> Lengths => new() { 0, 1, 3, 15, 16, 17, 31, 32, 33, 1023, 1025 };

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Sigmoid_chain_with_float_scalars(int length)
    {
        torch.manual_seed(length);
        MatchesSweepAtEveryWidth(IrParser.Parse(SigmoidChain), Random(length), IValue.From(0.75), IValue.From(-1.25));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void A_group_of_cheap_ops_unrolled(int length)
    {
        // add and relu are one instruction each, so the main loop takes two vectors per iteration and leaves
        // up to one whole vector besides the scalar tail (1023 at 256 bits: 63 pairs, one vector, 7 elements).
        torch.manual_seed(length);
        MatchesSweepAtEveryWidth(IrParser.Parse(SampleGraphs.BiasRelu), Random(length), Random(length));
    }

    [Theory]
    [InlineData(17)]
    [InlineData(1025)]
    public void Sigmoid_chain_with_an_int_and_a_one_element_tensor_as_scalars(int length)
    {
        var g = IrParser.Parse(SigmoidChain.Replace("%a : float", "%a : int", StringComparison.Ordinal).Replace("%b : float", "%b : Tensor", StringComparison.Ordinal));
        MatchesSweepAtEveryWidth(g, Random(length), IValue.From(3L), IValue.From(Tensor.FromArray([0.3f], 1, 1)));
        MatchesSweepAtEveryWidth(g, Random(2, length), IValue.From(-16777217L), IValue.From(Tensor.FromArray([float.NaN])));
    }

    [Theory]
    [InlineData("none")]
    [InlineData("tanh")]
    public void Gelu_in_both_modes(string mode)
    {
        var g = IrParser.Parse($$"""
            graph(%x : Tensor):
              %mode : str = prim::Constant[value="{{mode}}"]()
              %g : Tensor = aten::gelu(%x, %mode)
              %y : Tensor = aten::neg(%g)
              return (%y)
            """);
        foreach (int length in new[] { 1, 17, 1025 }) MatchesSweepAtEveryWidth(g, Random(length));
    }

    [Fact]
    public void Rsub_swaps_its_operands()
    {
        // rsub(x, other) = other - x: a constant and a graph number as `other`.
        var g = IrParser.Parse("""
            graph(%x : Tensor,
                  %k : float):
              %one : int = prim::Constant[value=1]()
              %half : float = prim::Constant[value=0.5]()
              %a : Tensor = aten::rsub(%x, %half, %one)
              %b : Tensor = aten::rsub(%a, %k, %one)
              %c : Tensor = aten::div(%b, %x)
              return (%c)
            """);
        MatchesSweepAtEveryWidth(g, Random(37), IValue.From(3.0));
        MatchesSweepAtEveryWidth(g, Random(5, 9), IValue.From(-0.0));
    }

    [Theory]
    [InlineData("0.5")]
    [InlineData("-0.5")]
    [InlineData("2")]
    [InlineData("2.")]
    [InlineData("-1.5")]
    public void Pow_by_a_constant_runs_sqrt_rsqrt_or_pow_as_eager_does(string exponent)
    {
        string type = exponent.Contains('.', StringComparison.Ordinal) ? "float" : "int";
        var g = IrParser.Parse($$"""
            graph(%x : Tensor):
              %e : {{type}} = prim::Constant[value={{exponent}}]()
              %a : Tensor = aten::abs(%x)
              %p : Tensor = aten::pow(%a, %e)
              %q : Tensor = aten::pow(%x, %e)
              return (%p, %q)
            """);
        foreach (int length in new[] { 3, 16, 1025 }) MatchesSweepAtEveryWidth(g, Random(length));
    }

    [Fact]
    public void Pow_of_two_tensors()
    {
        var g = IrParser.Parse("""
            graph(%x : Tensor,
                  %y : Tensor):
              %a : Tensor = aten::abs(%x)
              %p : Tensor = aten::pow(%a, %y)
              return (%p)
            """);
        MatchesSweepAtEveryWidth(g, Random(1025), Random(1025));
        MatchesSweepAtEveryWidth(g, Random(7, 13), Random(13));
    }

    [Theory]
    [InlineData(new[] { 3, 17 }, new[] { 17 })]
    [InlineData(new[] { 2, 3 }, new[] { 3 })]
    [InlineData(new[] { 5, 33 }, new[] { 1, 33 })]
    [InlineData(new[] { 4, 1025 }, new[] { 1025 })]
    [InlineData(new[] { 7, 16 }, new[] { 16 })]
    [InlineData(new[] { 9, 40 }, new[] { 40 })]
    [InlineData(new[] { 2, 3, 7 }, new[] { 3, 7 })]
    [InlineData(new[] { 2, 3, 7 }, new[] { 1, 1, 7 })]
    public void Row_broadcast_bias_add_and_relu(int[] xShape, int[] bShape)
    {
        var g = IrParser.Parse(SampleGraphs.BiasRelu);
        var kernel = Compile(g, [Random(xShape), Random(bShape)], VectorWidth.V256);
        Assert.Equal([FusedOperandKind.Full, FusedOperandKind.Row], kernel.Operands);
        Assert.Equal(xShape, kernel.Shape);
        MatchesSweepAtEveryWidth(g, Random(xShape), Random(bShape));
        MatchesSweepAtEveryWidth(g, Random(bShape), Random(xShape)); // the row first
    }

    [Fact]
    public void Zero_dim_and_empty_groups()
    {
        var g = IrParser.Parse(SampleGraphs.BiasRelu);
        MatchesSweepAtEveryWidth(g, Random(), Random());          // 0-dim: one element, all scalars
        MatchesSweepAtEveryWidth(g, Random(0, 5), Random(5));     // rows of an empty group: no loop at all
        MatchesSweepAtEveryWidth(g, Random(3, 0), Random(3, 0));
    }

    [Fact]
    public void Several_outputs_one_of_them_twice()
    {
        var g = IrParser.Parse("""
            graph(%x : Tensor,
                  %b : Tensor,
                  %k : float):
              %one : int = prim::Constant[value=1]()
              %y : Tensor = aten::add(%x, %b, %one)
              %r : Tensor = aten::relu(%y)
              %e : Tensor = aten::exp(%r)
              %m : Tensor = aten::mul(%e, %k)
              return (%m, %y, %m, %r)
            """);
        MatchesSweepAtEveryWidth(g, Random(4, 19), Random(19), IValue.From(0.5));
        MatchesSweepAtEveryWidth(g, Random(1025), Random(1025), IValue.From(-2.0));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void A_group_of_one_op(int length)
    {
        var g = IrParser.Parse("""
            graph(%x : Tensor):
              %y : Tensor = aten::exp(%x)
              return (%y)
            """);
        MatchesSweepAtEveryWidth(g, Random(length));
    }

    [Fact]
    public void Many_arguments_are_loaded_past_the_short_ldarg_forms()
    {
        // Five inputs and three outputs: arguments 4 to 7 need ldarg.s (Note [Argument loads]).
        var g = IrParser.Parse("""
            graph(%a : Tensor,
                  %b : Tensor,
                  %c : Tensor,
                  %d : float,
                  %e : Tensor):
              %one : int = prim::Constant[value=1]()
              %x : Tensor = aten::mul(%a, %b)
              %y : Tensor = aten::sub(%x, %c, %one)
              %z : Tensor = aten::maximum(%y, %e)
              %w : Tensor = aten::minimum(%z, %c)
              %v : Tensor = aten::leaky_relu(%w, %d)
              return (%v, %z, %x)
            """);
        MatchesSweepAtEveryWidth(g, Random(6, 21), Random(21), Random(6, 21), IValue.From(0.25), Random(1));
    }

    [Fact]
    public void A_group_made_by_the_fuser_with_constants_inside()
    {
        var graph = IrParser.Parse(SampleGraphs.Swish);
        new PassManager([new FuseElementwise()]).Run(graph, new PassContext(PassOptions.Default with { Verify = true }));
        var group = Assert.Single(graph.Block.Nodes, n => n.Kind == NodeKinds.FusionGroup);
        var sub = (Graph)group.Attribute(NodeKinds.Subgraph)!;
        MatchesSweepAtEveryWidth(sub, Random(7, 300), Random(1, 300), IValue.From(1.5));
        MatchesSweepAtEveryWidth(sub, Random(1023), Random(1023), IValue.From(0.75));
    }

    [Theory]
    [InlineData("relu")]
    [InlineData("neg")]
    [InlineData("abs")]
    [InlineData("exp")]
    [InlineData("log")]
    [InlineData("sqrt")]
    [InlineData("rsqrt")]
    [InlineData("tanh")]
    [InlineData("sigmoid")]
    [InlineData("erf")]
    [InlineData("sin")]
    [InlineData("cos")]
    [InlineData("silu")]
    public void Every_unary_op(string op)
    {
        var g = IrParser.Parse($$"""
            graph(%x : Tensor,
                  %y : Tensor):
              %a : Tensor = aten::mul(%x, %y)
              %b : Tensor = aten::{{op}}(%a)
              return (%b)
            """);
        MatchesSweepAtEveryWidth(g, Random(3, 45), Random(45));
    }

    [Fact]
    public void An_output_may_be_the_same_tensor_as_a_full_input()
    {
        // In-place planning hands the loop x as both input and output: each element is read before it is written.
        var g = IrParser.Parse(SigmoidChain);
        var x = Random(1025);
        var expected = FusedElementwise.For(g).Run([IValue.From(x), IValue.From(0.5), IValue.From(0.25)])[0].ToTensor();
        foreach (var width in Widths)
        {
            var kernel = Compile(g, [IValue.From(x), IValue.From(0.5), IValue.From(0.25)], width);
            var inPlace = x.clone();
            kernel.Method.Invoke(null, [inPlace, 0.5, 0.25, inPlace]);
            Assert.True(expected.BitEquals(inPlace), $"{width}");
        }
    }
}
