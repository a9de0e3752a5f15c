using Opt = TorchJit.Tests.Models.Optimized;
using Unopt = TorchJit.Tests.Models.Unoptimized;

namespace TorchJit.Tests.Frontend;

/// <summary>The shapes of the prim::Loop nodes scripting emits, as TorchScript emits them.</summary>
public sealed class LoopGraphTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ACountedForLoopIsARangeLoop(bool optimized)
    {
        torch.nn.Module<Tensor, Tensor> model = optimized ? new Opt.ForLoopModel() : new Unopt.ForLoopModel();

        Assert.Equal(
            """
            graph(%self : __torch__.ForLoopModel,
                  %x.1 : Tensor):
              %3 : int = prim::Constant[value=3]()
              %4 : bool = prim::Constant[value=1]()
              %x : Tensor = prim::Loop(%3, %4, %x.1) # LoopModels.cs:15:37
                block0(%i : int, %x.2 : Tensor):
                  %7 : int = prim::Constant[value=2]()
                  %8 : Tensor = aten::mul(%x.2, %7) # LoopModels.cs:15:37
                  %9 : int = prim::Constant[value=1]()
                  %x.3 : Tensor = aten::add(%8, %i, %9) # LoopModels.cs:15:37
                  %11 : bool = prim::Constant[value=1]()
                  -> (%11, %x.3)
              return (%x)

            """,
            Jit.Script(model).Graph);
    }

    [Fact]
    public void AWhileLoopTestsItsConditionBeforeTheLoopAndAfterEachIteration()
    {
        string graph = Jit.Script(new Unopt.WhileModel()).Graph;

        Assert.Contains("prim::Constant[value=9223372036854775807]()", graph);
        // The condition (x.abs().sum() < 50 && steps < 8) is computed twice: once for the loop's initial
        // condition, once at the end of the body for the next iteration.
        Assert.Equal(2, Count(graph, "aten::abs("));
        Assert.Contains("%x : Tensor, %steps : int = prim::Loop(", graph);
    }

    [Fact]
    public void ABoundReadFromAShapeIsHoistedAndAStartOtherThanZeroIsAdded()
    {
        string graph = Jit.Script(new Unopt.ShapeLoopModel()).Graph;

        Assert.Contains("aten::size(%x, ", graph);
        Assert.Contains("aten::sub(", graph);
        Assert.Single(graph.Split("aten::size(").Skip(1));
    }

    [Fact]
    public void AReturnInsideALoopCarriesTheExitAndTheValueOut()
    {
        string graph = Jit.Script(new Unopt.ReturnInLoopModel()).Graph;

        // x, the exit taken and the returned value (uninitialized until a return) are carried.
        Assert.Matches(@"%x : Tensor, %\d+ : int, %\d+ : Tensor = prim::Loop\(", graph);
        Assert.Matches(@"block0\(%i : int, %x\.\d+ : Tensor, %\d+ : int, %\d+ : Tensor\):", graph);
        Assert.Contains("prim::Uninitialized()", graph);
    }

    [Fact]
    public void BreakMakesTheConditionFalse()
    {
        string graph = Jit.Script(new Opt.BreakContinueModel()).Graph;

        Assert.Contains("prim::Loop(", graph);
        Assert.DoesNotContain("prim::Uninitialized", graph);
        Assert.DoesNotContain("9223372036854775807", graph);
    }

    private static int Count(string text, string part) => text.Split(part).Length - 1;
}
