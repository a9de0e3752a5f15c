using TorchJit.Codegen;
using TorchJit.Ir;
using TorchJit.Passes;

namespace TorchJit.Tests.Codegen;

/// <summary>Which 0-dim tensors a plan keeps in registers: IR text in, with static types from shape inference; the chosen values out.</summary>
public sealed class ScalarizedTensorsTests
{
    private static string[] Chosen(string ir)
    {
        var g = IrParser.Parse(ir);
        var types = ShapeInference.Infer(g, [.. g.Inputs.Select(i => i.Type)]);
        return [.. ScalarizedTensors.Find(g, types).Select(v => v.Name).Order(StringComparer.Ordinal)];
    }

    [Fact]
    public void A_sum_compared_and_read_as_a_bool_lives_in_registers()
    {
        var chosen = Chosen("""
            graph(%x : Float(2, 3, strides=[3, 1], requires_grad=0, device=cpu)):
              %none : NoneType = prim::Constant()
              %ten : int = prim::Constant[value=10]()
              %s : Tensor = aten::sum(%x, %none)
              %c : Tensor = aten::gt(%s, %ten)
              %b : bool = aten::Bool(%c)
              %f : float = aten::Float(%s)
              return (%b, %f)
            """);

        Assert.Equal(["c", "s"], chosen);
    }

    [Fact]
    public void A_sum_also_read_as_a_tensor_stays_a_tensor_and_so_does_its_comparison()
    {
        var chosen = Chosen("""
            graph(%x : Float(2, 3, strides=[3, 1], requires_grad=0, device=cpu)):
              %none : NoneType = prim::Constant()
              %ten : float = prim::Constant[value=2.5]()
              %s : Tensor = aten::sum(%x, %none)
              %c : Tensor = aten::le(%s, %ten)
              %b : bool = aten::Bool(%c)
              %y : Tensor = aten::mul(%x, %s)
              return (%b, %y)
            """);

        Assert.Empty(chosen);
    }

    [Fact]
    public void A_comparison_returned_as_a_tensor_reads_its_sum_as_a_tensor_so_neither_is_a_register()
    {
        var chosen = Chosen("""
            graph(%x : Float(4, strides=[1], requires_grad=0, device=cpu),
                  %k : int):
              %none : NoneType = prim::Constant()
              %s : Tensor = aten::sum(%x, %none)
              %c : Tensor = aten::ne(%s, %k)
              %f : float = aten::Float(%s)
              return (%c, %f)
            """);

        Assert.Empty(chosen);
    }

    [Fact]
    public void Sums_of_other_dtypes_or_with_a_dtype_stay_tensors()
    {
        var chosen = Chosen("""
            graph(%x : Long(4, strides=[1], requires_grad=0, device=cpu),
                  %y : Float(4, strides=[1], requires_grad=0, device=cpu)):
              %none : NoneType = prim::Constant()
              %six : int = prim::Constant[value=6]()
              %s : Tensor = aten::sum(%x, %none)
              %t : Tensor = aten::sum(%y, %six)
              %a : bool = aten::Bool(%s)
              %b : bool = aten::Bool(%t)
              return (%a, %b)
            """);

        Assert.Empty(chosen);
    }
}
