using TorchJit.Codegen;
using TorchJit.Ir;
using TorchJit.Kernels;

namespace TorchJit.Tests.Codegen.Fusion;

/// <summary>Groups a single loop cannot run are refused with a reason, never compiled wrong.</summary>
public sealed class FusedLoopRejectionTests
{
    private const string TwoBiases = """
        graph(%x : Tensor,
              %b : Tensor,
              %c : Tensor):
          %one : int = prim::Constant[value=1]()
          %y : Tensor = aten::add(%x, %b, %one)
          %z : Tensor = aten::mul(%y, %c)
          return (%z)
        """;

    [Fact]
    public void An_int_tensor_input()
    {
        Assert.Contains("input 1 is Int64", Reject(SampleGraphs.BiasRelu, Float(3, 4), new TensorType(DType.Int64, [4], null)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_broadcast_that_grows_both_operands()
    {
        // [3, 1] against [1, 4]: neither the group's shape, one element, nor a repeating row.
        Assert.Contains("input 0 [3, 1] neither has the group's shape [3, 4]", Reject(SampleGraphs.BiasRelu, Float(3, 1), Float(1, 4)), StringComparison.Ordinal);
        Assert.Contains("do not broadcast", Reject(SampleGraphs.BiasRelu, Float(3), Float(4)), StringComparison.Ordinal);
    }

    [Fact]
    public void Two_rows_of_different_periods()
    {
        Assert.Contains("different periods (4 and 12 elements)", Reject(TwoBiases, Float(2, 3, 4), Float(4), Float(3, 4)), StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_of_one_period_are_fine()
    {
        var kernel = FusedLoopKernel.TryCompile(IrParser.Parse(TwoBiases), [Float(2, 3, 4), Float(4), Float(1, 4)], VectorWidth.Best, "ok", out var whyNot);
        Assert.Null(whyNot);
        Assert.Equal([FusedOperandKind.Full, FusedOperandKind.Row, FusedOperandKind.Row], kernel!.Operands);
        Assert.Equal(VectorWidths.Resolve(VectorWidth.Best), kernel.Width);
    }

    [Fact]
    public void A_non_contiguous_input()
    {
        var transposed = new TensorType(DType.Float32, [4, 3], [1, 4]);
        Assert.Contains("input 0 is a non-contiguous view", Reject(SampleGraphs.BiasRelu, transposed, Float(3)), StringComparison.Ordinal);
    }

    [Fact]
    public void Types_without_dtype_or_sizes_and_bool_numbers()
    {
        Assert.Contains("input 0 has no dtype", Reject(SampleGraphs.BiasRelu, TensorType.Any, Float(3)), StringComparison.Ordinal);
        Assert.Contains("input 1 has no sizes", Reject(SampleGraphs.BiasRelu, Float(3), new TensorType(DType.Float32, null, null)), StringComparison.Ordinal);
        Assert.Contains("input 1 is bool", Reject(SampleGraphs.BiasRelu, Float(3), BoolType.Instance), StringComparison.Ordinal);
        Assert.Contains("takes 2 inputs, got 1", Reject(SampleGraphs.BiasRelu, Float(3)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_step_on_rows_alone_would_be_smaller_than_the_group()
    {
        var text = """
            graph(%x : Tensor,
                  %b : Tensor):
              %one : int = prim::Constant[value=1]()
              %r : Tensor = aten::relu(%b)
              %y : Tensor = aten::add(%x, %r, %one)
              return (%y)
            """;
        Assert.Contains("aten::relu reads only scalars and rows", Reject(text, Float(5, 3), Float(3)), StringComparison.Ordinal);
    }

    [Fact]
    public void An_op_the_fuser_does_not_know_and_an_output_the_group_does_not_compute()
    {
        var softmax = """
            graph(%x : Tensor):
              %one : int = prim::Constant[value=1]()
              %none : NoneType = prim::Constant()
              %s : Tensor = aten::softmax(%x, %one, %none)
              return (%s)
            """;
        Assert.Contains("aten::softmax cannot be fused", Reject(softmax, Float(2, 3)), StringComparison.Ordinal);
        var passThrough = """
            graph(%x : Tensor):
              %r : Tensor = aten::relu(%x)
              return (%r, %x)
            """;
        Assert.Contains("output 1 is not computed by the group", Reject(passThrough, Float(2, 3)), StringComparison.Ordinal);
    }

    private static TensorType Float(params int[] sizes) => new(DType.Float32, sizes, Tensor.ContiguousStrides(sizes));

    private static string Reject(string text, params JitType[] types)
    {
        foreach (var width in FusedLoopCheck.Widths)
        {
            var kernel = FusedLoopKernel.TryCompile(IrParser.Parse(text), types, width, "rejected", out var whyNot);
            Assert.Null(kernel);
            Assert.False(string.IsNullOrEmpty(whyNot));
        }

        FusedLoopKernel.TryCompile(IrParser.Parse(text), types, VectorWidth.Best, "rejected", out var reason);
        return reason!;
    }
}
