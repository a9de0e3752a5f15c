using TorchJit.Codegen;
using TorchJit.Ir;
using TorchJit.Passes;
using TorchJit.Tests.Ir;
using static TorchJit.torch;

namespace TorchJit.Tests.Codegen;

/// <summary>
/// <c>prim::Loop</c> compiled to IL loops: each graph is parsed from IR text, compiled, run, and compared
/// with the interpreter (the reference executor) on trip counts that skip the loop, run it once, and run it
/// many times, and on conditions that turn false part way.
/// </summary>
public sealed class LoopCodegenTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    public void ForLoopCarriesATensorAndAnInt(long n)
    {
        var outputs = AgreesWithInterpreter(IrCorpus.ForLoop, rand(2, 3), n);

        Assert.Equal(n * (n - 1) / 2, outputs[1].ToInt());
    }

    [Theory]
    [InlineData(0)] // the condition is false before the first trip
    [InlineData(1)]
    [InlineData(4)]
    public void WhileLoopStopsWhenItsConditionTurnsFalse(long limit) =>
        AgreesWithInterpreter(IrCorpus.WhileLoop, rand(2, 2), limit);

    [Theory]
    [InlineData(10, 3)] // the condition turns false after 3 of 10 trips
    [InlineData(2, 5)] // the trip count runs out first
    [InlineData(0, 5)]
    [InlineData(4, 0)] // the condition is true on entry and false after the first trip
    public void ATripCountAndAConditionTogetherStopAtWhicheverComesFirst(long n, long stop)
    {
        var outputs = AgreesWithInterpreter(IrCorpus.ForWithBreak, rand(3), n, stop);

        Assert.Equal(n == 0 ? 0 : Math.Clamp(stop, 1, n), outputs[1].ToInt());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    public void NestedLoopsReinitializeTheInnerCarriedValuesEachOuterTrip(long n)
    {
        var outputs = AgreesWithInterpreter(IrCorpus.NestedLoops, rand(2), n);

        long expected = 0;
        for (long i = 0; i < n; i++)
            for (long j = 0; j < i; j++) expected += i * j;
        Assert.Equal(expected, outputs[0].ToInt());
    }

    [Theory]
    [InlineData(true, 3)]
    [InlineData(true, 0)]
    [InlineData(false, 3)]
    public void ALoopInsideAnIf(bool condition, long n) =>
        AgreesWithInterpreter(IrCorpus.LoopInIf, rand(2, 2), condition, n);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void CarriedFloatsBoolsAndASwapAreAssignedInParallel(long n)
    {
        var a = rand(2);
        var b = rand(2);
        var outputs = AgreesWithInterpreter(IrCorpus.SwapAndScalars, a, b, n);

        Assert.Same(n % 2 == 0 ? a : b, outputs[0].ToTensor());
        Assert.Equal(Math.Pow(1.5, n), outputs[2].ToDouble());
        Assert.Equal(n % 2 == 1, outputs[3].ToBool());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void AnIfInsideALoopCompilesAsTheFoo3FixtureRuns(int rows)
    {
        // tch-rs's foo3.pt: result = x[0]; for i in range(x.size(0)): if i: result *= x[i]
        var graph = IrParser.Parse(GoldenGraphs.All["tchrs_foo3"].Methods[0].Ir);
        var x = rand(rows, 3);

        var compiled = GraphCompiler.Compile(graph)(x);

        var expected = x.select(0, 0);
        for (int i = 1; i < rows; i++) expected *= x.select(0, i);
        Assert.True(expected.BitEquals(compiled));
        Assert.True(Interpreter.Run(graph, IValue.None, x)[0].ToTensor().BitEquals(compiled));
    }

    [Fact]
    public void AWhileLoopOnAFloatCondition()
    {
        const string ir = """
            graph(%f.1 : float):
              %max : int = prim::Constant[value=9223372036854775807]()
              %limit : float = prim::Constant[value=100.]()
              %step : float = prim::Constant[value=1.5]()
              %c0 : bool = aten::lt(%f.1, %limit)
              %f : float = prim::Loop(%max, %c0, %f.1)
                block0(%i : int, %f.2 : float):
                  %f.3 : float = aten::mul(%f.2, %step)
                  %c : bool = aten::lt(%f.3, %limit)
                  -> (%c, %f.3)
              return (%f)
            """;

        var outputs = AgreesWithInterpreter(ir, 1.0);

        double f = 1.0;
        while (f < 100) f *= 1.5;
        Assert.Equal(f, outputs[0].ToDouble());
        Assert.Equal(250.0, AgreesWithInterpreter(ir, 250.0)[0].ToDouble());
    }

    [Fact]
    public void IntLoopsDoNotBoxOnTheHotPath()
    {
        // A million trips of int arithmetic: boxing each value would allocate tens of megabytes.
        var graph = IrParser.Parse("""
            graph(%n : int):
              %t : bool = prim::Constant[value=1]()
              %0 : int = prim::Constant[value=0]()
              %7 : int = prim::Constant[value=7]()
              %acc : int = prim::Loop(%n, %t, %0)
                block0(%i : int, %a : int):
                  %b : int = aten::add(%a, %i)
                  %c : int = aten::remainder(%b, %7)
                  -> (%t, %c)
              return (%acc)
            """);
        var run = GraphCompiler.CompileGraph(graph);
        IValue[] inputs = [IValue.From(1_000_000L)];
        run(inputs); // compile the dynamic method first

        long before = GC.GetAllocatedBytesForCurrentThread();
        var result = run(inputs);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < 1024, $"the loop allocated {allocated} bytes");
        Assert.Equal(Interpreter.Run(graph, inputs)[0].ToInt(), result[0].ToInt());
    }

    public static TheoryData<string> LoopGraphs => ["ForLoop", "WhileLoop", "ForWithBreak", "NestedLoops", "SwapAndScalars"];

    [Theory]
    [MemberData(nameof(LoopGraphs))]
    public void LoopsSurviveTheOptimizingPipeline(string name)
    {
        var graph = IrParser.Parse(IrCorpus.All[name]);
        var optimized = GraphCopy.Clone(graph);
        PassManager.ForLevel(OptLevel.O2).Run(optimized, new PassContext());
        var inputs = graph.Inputs.Select(i => i.Type switch
        {
            TensorType => IValue.From(rand(2, 2)),
            IntType => IValue.From(3L),
            _ => throw new InvalidOperationException($"input {i}"),
        }).ToArray();

        AssertSame(Interpreter.Run(graph, inputs), GraphCompiler.CompileGraph(optimized)(inputs));
    }

    [Theory]
    [InlineData(7, 2, 3, 1)]
    [InlineData(-7, 2, -4, 1)]
    [InlineData(7, -2, -4, -1)]
    [InlineData(-7, -2, 3, -1)]
    [InlineData(6, 3, 2, 0)]
    [InlineData(-6, 3, -2, 0)]
    public void IntDivisionRoundsTowardNegativeInfinityAsInPython(long a, long b, long quotient, long remainder)
    {
        const string ir = """
            graph(%a : int,
                  %b : int):
              %q : int = aten::floordiv(%a, %b)
              %r : int = aten::remainder(%a, %b)
              return (%q, %r)
            """;

        var outputs = AgreesWithInterpreter(ir, a, b);

        Assert.Equal(quotient, outputs[0].ToInt());
        Assert.Equal(remainder, outputs[1].ToInt());
    }

    [Fact]
    public void IntDivisionByZeroRaisesAtRunTime()
    {
        var graph = IrParser.Parse("""
            graph(%a : int,
                  %b : int):
              %q : int = aten::floordiv(%a, %b)
              return (%q)
            """);

        var e = Assert.Throws<InvalidOperationException>(() => GraphCompiler.CompileGraph(graph)([IValue.From(1L), IValue.From(0L)]));
        Assert.StartsWith("ZeroDivisionError", e.Message);
    }

    [Fact]
    public void UnsupportedValueTypesAreNamed()
    {
        var graph = IrParser.Parse("""
            graph(%s : str):
              return (%s)
            """);

        var e = Assert.Throws<NotSupportedException>(() => GraphCompiler.CompileGraph(graph));
        Assert.Equal("codegen: values of type str are not supported", e.Message);
    }

    // Runs the graph compiled and interpreted on the same inputs; every output must be identical.
    private static IValue[] AgreesWithInterpreter(string ir, params object[] inputs)
    {
        var graph = IrParser.Parse(ir);
        var values = inputs.Select(i => i switch
        {
            Tensor t => IValue.From(t),
            long l => IValue.From(l),
            double d => IValue.From(d),
            bool b => IValue.From(b),
            _ => throw new ArgumentException($"input of type {i.GetType().Name}"),
        }).ToArray();

        var actual = GraphCompiler.CompileGraph(graph)(values);
        AssertSame(Interpreter.Run(graph, values), actual);
        return actual;
    }

    private static void AssertSame(IValue[] expected, IValue[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].Kind, actual[i].Kind);
            switch (expected[i].Kind)
            {
                case IValueKind.Tensor: Assert.True(expected[i].ToTensor().BitEquals(actual[i].ToTensor()), $"output {i} differs"); break;
                case IValueKind.Int: Assert.Equal(expected[i].ToInt(), actual[i].ToInt()); break;
                case IValueKind.Double: Assert.Equal(expected[i].ToDouble(), actual[i].ToDouble()); break;
                case IValueKind.Bool: Assert.Equal(expected[i].ToBool(), actual[i].ToBool()); break;
                default: throw new InvalidOperationException($"output {i}: {expected[i].Kind}");
            }
        }
    }
}
