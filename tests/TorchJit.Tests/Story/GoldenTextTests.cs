using Opt = TorchJit.Tests.Models.Optimized;
using Unopt = TorchJit.Tests.Models.Unoptimized;
using static TorchJit.torch;

namespace TorchJit.Tests.Story;

/// <summary>The printed graphs and code of the CondModel, byte for byte in TorchScript's format.</summary>
public sealed class GoldenTextTests
{
    [Fact]
    public void TracedGraph()
    {
        var traced = Jit.Trace(new Unopt.CondModel(), rand(2, 3), _ => { });

        Assert.Equal(
            """
            graph(%self : __torch__.CondModel,
                  %x : Float(2, 3, strides=[3, 1], requires_grad=0, device=cpu)):
              %6 : Long(requires_grad=0, device=cpu) = prim::Constant[value={10}]()
              %7 : int = prim::Constant[value=1]()
              %8 : Float(2, 3, strides=[3, 1], requires_grad=0, device=cpu) = aten::add(%x, %6, %7) # CondModel.cs:16:14
              return (%8)

            """,
            traced.Graph);
    }

    [Fact]
    public void TracedCodeNamesTheTensorConstant()
    {
        var traced = Jit.Trace(new Unopt.CondModel(), rand(2, 3), _ => { });

        Assert.Equal(
            """
            def forward(self,
                x: Tensor) -> Tensor:
              return torch.add(x, CONSTANTS.c0)

            """,
            traced.Code);
        var (_, constants) = traced.CodeWithConstants;
        var c0 = Assert.Single(constants);
        Assert.Equal(10L, c0.item<long>());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ScriptedGraphKeepsTheBranchInDebugAndReleaseBuilds(bool optimized)
    {
        torch.nn.Module<Tensor, Tensor> model = optimized ? new Opt.CondModel() : new Unopt.CondModel();

        Assert.Equal(
            """
            graph(%self : __torch__.CondModel,
                  %x : Tensor):
              %2 : NoneType = prim::Constant()
              %3 : Tensor = aten::sum(%x, %2) # CondModel.cs:15:9
              %4 : int = prim::Constant[value=10]()
              %5 : Tensor = aten::gt(%3, %4) # CondModel.cs:15:9
              %6 : bool = aten::Bool(%5) # CondModel.cs:15:9
              %10 : Tensor = prim::If(%6) # CondModel.cs:15:9
                block0():
                  -> (%x)
                block1():
                  %7 : int = prim::Constant[value=10]()
                  %8 : int = prim::Constant[value=1]()
                  %9 : Tensor = aten::add(%x, %7, %8) # CondModel.cs:16:14
                  -> (%9)
              return (%10)

            """,
            Jit.Script(model).Graph);
    }

    [Fact]
    public void ScriptedCode()
    {
        Assert.Equal(
            """
            def forward(self,
                x: Tensor) -> Tensor:
              if bool(torch.gt(torch.sum(x), 10)):
                _0 = x
              else:
                _0 = torch.add(x, 10)
              return _0

            """,
            Jit.Script(new Unopt.CondModel()).Code);
    }

    // The return expression is 48 characters: python_print splits a line of 40 or more into a temporary.
    [Fact]
    public void ScriptedSubModuleCallsPrintAsTorchScriptDoes()
    {
        Assert.Equal(
            """
            def forward(self,
                x: Tensor) -> Tensor:
              first = self.first
              h = torch.relu((first).forward(x, ))
              training = self.training
              if training:
                h0 = torch.mul(h, 2)
              else:
                h0 = h
              second = self.second
              _0 = torch.add((second).forward(h0, ), torch.sum(h0))
              return _0

            """,
            Jit.Script(new Unopt.TwoLayerModel()).Code);
    }
}
