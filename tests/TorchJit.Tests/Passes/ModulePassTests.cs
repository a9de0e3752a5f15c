using TorchJit.Ir;
using TorchJit.Passes;
using Unopt = TorchJit.Tests.Models.Unoptimized;

namespace TorchJit.Tests.Passes;

/// <summary>Inline and Freeze need the module object behind <c>%self</c>; checked on a scripted two-layer model.</summary>
public sealed class ModulePassTests
{
    [Fact]
    public void InlineReplacesEveryCallMethodByTheCalleesBody()
    {
        var scripted = Jit.Script(new Unopt.TwoLayerModel());
        var graph = GraphCopy.Clone(scripted.ForwardGraph);

        Assert.True(new Inline().Run(graph, new PassContext { Self = scripted.Object }));

        FileCheck.Run(
            """
            # CHECK-NOT: prim::CallMethod
            # CHECK: prim::GetAttr[name="first"](%self)
            # CHECK: prim::GetAttr[name="weight"](%first)
            # CHECK: aten::linear(%x,
            # CHECK: prim::If(%training)
            # CHECK: aten::linear(%h,
            """,
            graph.ToString());
    }

    [Fact]
    public void FreezeTurnsParametersAndAttributesIntoConstants()
    {
        var scripted = Jit.Script(new Unopt.TwoLayerModel());
        var graph = GraphCopy.Clone(scripted.ForwardGraph);
        var context = new PassContext { Self = scripted.Object };
        new Inline().Run(graph, context);

        Assert.True(new Freeze().Run(graph, context));
        new EliminateDeadCode().Run(graph, context);

        FileCheck.Run(
            """
            # CHECK-NOT: prim::GetAttr
            # CHECK-COUNT-2: prim::Constant[value=<Tensor>]
            # CHECK: : bool = prim::Constant[value=1]()
            # CHECK: prim::If(
            # CHECK-COUNT-EXACTLY-2: prim::Constant[value=<Tensor>]
            # CHECK-NOT: prim::GetAttr
            """,
            graph.ToString());
    }

    [Fact]
    public void InlineCopiesStaticHelperFunctionsIncludingNestedCalls()
    {
        // Smooth calls Shift in a loop: both levels of prim::CallFunction go, the loop stays.
        var scripted = Jit.Script(new Unopt.StaticHelperModel());
        var graph = GraphCopy.Clone(scripted.ForwardGraph);
        Assert.Contains("prim::CallFunction", graph.ToString());

        Assert.True(new Inline().Run(graph, new PassContext { Self = scripted.Object }));

        FileCheck.Run(
            """
            # CHECK-NOT: prim::CallFunction
            # CHECK: prim::Loop(
            # CHECK: aten::mul(
            # CHECK: -> (
            # CHECK: aten::add(
            # CHECK-NOT: prim::CallFunction
            """,
            graph.ToString());
    }

    [Fact]
    public void FreezeTurnsPrimitiveAttributesIntoConstantsThatFold()
    {
        // int, float, bool, str and int[] attributes: after freezing, the loop's trip count, the branch on
        // useRelu and the string comparison are constants, and propagation folds the branches away.
        var scripted = Jit.Script(new Unopt.AttributesModel());
        var graph = GraphCopy.Clone(scripted.ForwardGraph);
        var context = new PassContext { Self = scripted.Object };
        new Inline().Run(graph, context);

        Assert.True(new Freeze().Run(graph, context));
        new PropagateConstants().Run(graph, context);
        new EliminateDeadCode().Run(graph, context);

        FileCheck.Run(
            """
            # CHECK-NOT: prim::GetAttr
            # CHECK: prim::Loop(
            # CHECK: aten::relu(
            # CHECK-NOT: prim::If
            # CHECK: aten::sum(
            # CHECK-NOT: aten::mean
            """,
            graph.ToString());
    }

    [Fact]
    public void ModulePassesDoNothingWithoutAModule()
    {
        var graph = GraphCopy.Clone(Jit.Script(new Unopt.TwoLayerModel()).ForwardGraph);
        string before = graph.ToString();

        Assert.False(new Inline().Run(graph, new PassContext()));
        Assert.False(new Freeze().Run(graph, new PassContext()));
        Assert.Equal(before, graph.ToString());
    }

    [Fact]
    public void FrozenGraphComputesWhatTheModuleComputes()
    {
        var model = new Unopt.TwoLayerModel();
        var scripted = Jit.Script(model);
        var graph = GraphCopy.Clone(scripted.ForwardGraph);
        var context = new PassContext { Self = scripted.Object };
        PassManager.ForLevel(OptLevel.O2).Run(graph, context);

        foreach (var x in TestModels.Inputs("two-layer", 10))
        {
            var frozen = Interpreter.Run(graph, IValue.Object(scripted.Object), x)[0].ToTensor();
            Assert.True(model.forward(x).BitEquals(frozen));
        }
    }
}
