using TorchJit.Ir;
using static TorchJit.torch;

namespace TorchJit.Tests.Tracing;

/// <summary><c>torch.jit.trace_module</c>: several methods of one module traced into one ScriptModule.</summary>
public sealed class TraceModuleTests
{
    [Fact]
    public void EachNamedMethodIsTracedIntoTheSameModule()
    {
        var m = new TwoMethods();
        var x = rand(2, 3);
        var a = rand(2, 2);
        var b = rand(2, 2);

        var traced = Jit.TraceModule(m, new Dictionary<string, Tensor[]> { ["forward"] = [x], ["Pair"] = [a, b], ["Several"] = [a] }, _ => { });

        Assert.Equal(["Pair", "Several", "forward"], traced.MethodNames.Order(StringComparer.Ordinal));
        Assert.True(m.forward(x).BitEquals(traced.forward(x)));
        var pair = traced.RunMethod<(Tensor, Tensor)>("Pair", a, b);
        var (sum, scaled) = m.Pair(a, b);
        Assert.True(sum.BitEquals(pair.Item1));
        Assert.True(scaled.BitEquals(pair.Item2));
        var several = traced.RunMethod<Tensor[]>("Several", b);
        Assert.True(m.Several(b)[1].BitEquals(several[1]));

        // The methods read the one parameter through the same module object.
        Assert.Contains("prim::GetAttr[name=\"w\"](%self)", traced.GraphOf("Pair"));
        Assert.Contains("prim::GetAttr[name=\"w\"](%self)", traced.Graph);
        Assert.Equal(
            """
            def Pair(self,
                a: Tensor,
                b: Tensor) -> Tuple[Tensor, Tensor]:
              _0 = torch.add(a, b)
              w = self.w
              return (_0, torch.mul(a, torch.sum(w)))

            """,
            traced.CodeOf("Pair"));
        Assert.Contains("prim::ListConstruct", traced.GraphOf("Several"));
    }

    [Fact]
    public void CheckInputsCheckTheMethodsTheyName()
    {
        var m = new TwoMethods();
        var inputs = new Dictionary<string, Tensor[]> { ["forward"] = [rand(2, 3)], ["Branchy"] = [rand(2, 2)] };

        Jit.TraceModule(m, inputs, _ => { }, checkInputs: [new Dictionary<string, Tensor[]> { ["forward"] = [rand(5, 3)], ["Branchy"] = [rand(2, 2)] }]);
        var e = Assert.Throws<TracingCheckException>(() =>
            Jit.TraceModule(m, inputs, _ => { }, checkInputs: [new Dictionary<string, Tensor[]> { ["Branchy"] = [-rand(2, 2)] }]));

        Assert.Contains("Graphs differed across invocations!", e.Message);
    }

    [Fact]
    public void AMethodThatCannotBeTracedIsNamed()
    {
        var m = new TwoMethods();

        var missing = Assert.Throws<ArgumentException>(() => Jit.TraceModule(m, new Dictionary<string, Tensor[]> { ["Nope"] = [rand(2)] }));
        Assert.StartsWith("trace: TwoMethods has no public method 'Nope'", missing.Message);
        var arity = Assert.Throws<ArgumentException>(() => Jit.TraceModule(m, new Dictionary<string, Tensor[]> { ["Pair"] = [rand(2)] }));
        Assert.StartsWith("trace: TwoMethods.Pair must take 1 tensor (one per example input); found Pair(Tensor, Tensor)", arity.Message);
    }

    [Fact]
    public void TracedMethodsCanBeParsedBack()
    {
        var m = new TwoMethods();
        var traced = Jit.TraceModule(m, new Dictionary<string, Tensor[]> { ["Pair"] = [rand(2, 2), rand(2, 2)] });

        string printed = GraphPrinter.Print(traced.Object.GetMethod("Pair").Graph, sourceRanges: false);
        Assert.Equal(printed, GraphPrinter.Print(IrParser.Parse(printed), sourceRanges: false));
    }

    private sealed class TwoMethods : torch.nn.Module<Tensor, Tensor>
    {
        public Parameter w = new(rand(3, 4));

        public TwoMethods()
            : base(nameof(TwoMethods))
        {
        }

        public override Tensor forward(Tensor input) => input.matmul(w);

        public (Tensor Sum, Tensor Scaled) Pair(Tensor a, Tensor b) => (a + b, a * w.sum());

        public Tensor[] Several(Tensor a) => [a.relu(), a.exp()];

        public Tensor Branchy(Tensor a) => (bool)(a.sum() > 0) ? a.relu() : a.exp();
    }
}
