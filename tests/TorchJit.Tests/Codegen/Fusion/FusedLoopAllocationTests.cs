using TorchJit.Codegen;
using TorchJit.Ir;
using TorchJit.Kernels;
using static TorchJit.Tests.Codegen.Fusion.FusedLoopCheck;

namespace TorchJit.Tests.Codegen.Fusion;

/// <summary>A compiled loop called through a typed delegate allocates nothing: no argument arrays, plans or scratch.</summary>
public sealed class FusedLoopAllocationTests
{
    [Fact]
    public void A_hundred_calls_allocate_zero_bytes()
    {
        var g = IrParser.Parse("""
            graph(%x : Tensor,
                  %a : float,
                  %b : Tensor):
              %one : int = prim::Constant[value=1]()
              %m : Tensor = aten::mul(%x, %a)
              %s : Tensor = aten::add(%m, %b, %one)
              %g : Tensor = aten::sigmoid(%s)
              %t : Tensor = aten::tanh(%x)
              %y : Tensor = aten::mul(%g, %t)
              return (%y, %s)
            """);
        var x = Random(33, 77);
        var b = Random(77);
        foreach (var width in Widths)
        {
            var kernel = Compile(g, [IValue.From(x), IValue.From(0.5), IValue.From(b)], width);
            var run = kernel.Method.CreateDelegate<Action<Tensor, double, Tensor, Tensor, Tensor>>();
            var y = torch.zeros(33, 77);
            var s = torch.zeros(33, 77);
            // Warm past tiered compilation's call-counting threshold (30 calls), whose bookkeeping allocates on the
            // calling thread for the helpers the loop calls.
            for (int i = 0; i < 50; i++) run(x, 0.5, b, y, s);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 100; i++) run(x, 0.5, b, y, s);
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }

    [Fact]
    public void Arguments_of_the_wrong_size_are_refused_before_the_loop_touches_memory()
    {
        var g = IrParser.Parse("""
            graph(%x : Tensor):
              %y : Tensor = aten::exp(%x)
              return (%y)
            """);
        var kernel = Compile(g, [IValue.From(Random(16))], VectorWidth.V256);
        var run = kernel.Method.CreateDelegate<Action<Tensor, Tensor>>();
        Assert.Throws<ArgumentException>(() => run(Random(8), torch.zeros(16)));
        Assert.Throws<ArgumentException>(() => run(Random(16), torch.zeros(17)));
        Assert.Throws<InvalidOperationException>(() => run(Random(4, 4).t(), torch.zeros(16))); // a non-contiguous view
    }
}
