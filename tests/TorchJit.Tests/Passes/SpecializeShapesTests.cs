using TorchJit.Ir;
using TorchJit.Kernels;
using TorchJit.Passes;
using TorchJit.Tests.Corpus;
using TorchJit.Zoo;

namespace TorchJit.Tests.Passes;

/// <summary>
/// <see cref="SpecializeShapes"/> with explicit input types, as compiled modules call it: every corpus model's
/// lowered graph, specialized to its input's signature, gives the interpreter the same bits as before; the zoo
/// transformer and CNN lose every shape query and shape guard. The IR-level cases are the specialize_*.jir files.
/// </summary>
public sealed class SpecializeShapesTests
{
    private static readonly PassContext Context = new(PassOptions.Default with { Verify = true });

    public static TheoryData<string, bool> Cases => ModelCorpus.Cases;

    [Fact]
    public void ExplicitTypesRefineTheInputsAndFoldTheirQueries()
    {
        var graph = IrParser.Parse(
            """
            graph(%x : Tensor):
              %zero : int = prim::Constant[value=0]()
              %d : int = aten::dim(%x)
              %n : int = aten::size(%x, %zero)
              %s : int = aten::add(%d, %n)
              return (%s)
            """);

        Assert.True(new SpecializeShapes([new TensorType(DType.Float32, [5, 3], [3, 1], false, "cpu")]).Run(graph, Context));

        FileCheck.Run(
            """
            # CHECK: graph(%x : Float(5, 3, strides=[3, 1], requires_grad=0, device=cpu)):
            # CHECK-NEXT: int = prim::Constant[value=7]()
            # CHECK-NEXT: return
            """,
            graph.ToString());
    }

    [Fact]
    public void ReportsNoChangeWhenNothingIsKnownOrLeftToFold()
    {
        var graph = IrParser.Parse(
            """
            graph(%x : Tensor):
              %d : int = aten::dim(%x)
              return (%d)
            """);
        Assert.False(new SpecializeShapes().Run(graph, Context));

        Assert.True(new SpecializeShapes([new TensorType(DType.Float32, [2], [1], false, "cpu")]).Run(graph, Context));
        Assert.False(new SpecializeShapes().Run(graph, Context));
    }

    [Fact]
    public void RejectsTypesThatDoNotMatchTheGraph()
    {
        var graph = IrParser.Parse(
            """
            graph(%x : Float(2, strides=[1], requires_grad=0, device=cpu)):
              return (%x)
            """);
        var other = new TensorType(DType.Float32, [3], [1], false, "cpu");

        Assert.Throws<ArgumentException>(() => new SpecializeShapes([other, other]).Run(graph, Context));
        var e = Assert.Throws<ArgumentException>(() => new SpecializeShapes([other]).Run(graph, Context));
        Assert.Contains("%x is declared Float(2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IsInTheRegistry() => Assert.IsType<SpecializeShapes>(PassRegistry.Create("specialize-shapes"));

    [Theory]
    [MemberData(nameof(Cases))]
    public void SpecializedCorpusGraphsGiveTheSameBits(string name, bool optimized)
    {
        var entry = ModelCorpus.Get(name);
        var scripted = Jit.Script(ModelCorpus.Create(entry, optimized));
        var graph = Lowered(scripted, OptLevel.O0);
        var inputs = ModelCorpus.Inputs(entry, 3);
        var before = inputs.Select(x => Run(graph, scripted, x)).ToArray();

        var pass = new SpecializeShapes(Signature(graph, inputs[0]));
        pass.Run(graph, Context);
        GraphLint.Check(graph);
        Assert.False(pass.Run(graph, Context)); // a fixed point: a second run finds nothing

        for (int i = 0; i < inputs.Count; i++)
            AssertSameBits(before[i], Run(graph, scripted, inputs[i]), $"{name} ({(optimized ? "release" : "debug")}) on input {i}");
    }

    // Specialized after lowering and before the O2 pipeline, as a compiled module would: the fused ops O2 makes
    // (torchjit::conv2d_relu) have no type function, so a guard behind one could not be folded afterwards.
    [Theory]
    [InlineData("transformer", new[] { 1, 64, 256 })]
    [InlineData("cnn", new[] { 1, 3, 32, 32 })]
    public void ZooModelsLoseEveryShapeQueryAndGuard(string name, int[] shape)
    {
        var module = ModelZoo.Get(name).Create();
        module.eval();
        var scripted = Jit.Script(module);
        var graph = Lowered(scripted, OptLevel.O0);
        var rng = new Random(7);
        var x = Tensor.FromArray([.. Enumerable.Range(0, shape.Aggregate(1, (a, b) => a * b)).Select(_ => (float)rng.NextDouble() - 0.5f)], shape);
        var before = Run(graph, scripted, x);

        Assert.True(new SpecializeShapes(Signature(graph, x)).Run(graph, Context));
        AssertNoShapeQueries(graph);
        AssertSameBits(before, Run(graph, scripted, x), name);

        PassManager.ForLevel(OptLevel.O2).Run(graph, new PassContext(PassOptions.Default with { Verify = true }) { Self = scripted.Object });
        AssertNoShapeQueries(graph);
    }

    private static void AssertNoShapeQueries(Graph graph)
    {
        string text = graph.ToString();
        foreach (var kind in new[] { "aten::dim(", "aten::size(", "prim::dtype(", "prim::RaiseException(" })
            Assert.False(text.Contains(kind, StringComparison.Ordinal), $"{kind} is left in\n{text}");
    }

    // As Jit.Compile and the CLI lower: a flat, frozen graph, then the level's pipeline.
    private static Graph Lowered(ScriptModule scripted, OptLevel level)
    {
        var graph = GraphCopy.Clone(scripted.ForwardGraph);
        var context = new PassContext { Self = scripted.Object };
        new PassManager([new Inline(), new Freeze(), new LowerTuples(), new EliminateDeadCode()]).Run(graph, context);
        PassManager.ForLevel(level).Run(graph, context);
        return graph;
    }

    // %self keeps its type; the tensor input takes the example's.
    private static JitType[] Signature(Graph graph, Tensor x) => [.. graph.Inputs.Select(v => v.Type is TensorType ? TensorType.Of(x) : v.Type)];

    // Dropout (the corpus's training-mode entry) draws from the default generator: the same seed for every run.
    private static IValue[] Run(Graph graph, ScriptModule scripted, Tensor x)
    {
        torch.manual_seed(11);
        return Interpreter.Run(graph, IValue.Object(scripted.Object), IValue.From(x));
    }

    private static void AssertSameBits(IValue[] expected, IValue[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) AssertSameBits(expected[i], actual[i], $"{what}, output {i}");
    }

    private static void AssertSameBits(IValue expected, IValue actual, string what)
    {
        Assert.Equal(expected.Kind, actual.Kind);
        switch (expected.Kind)
        {
            case IValueKind.Tensor:
                Assert.True(expected.ToTensor().BitEquals(actual.ToTensor()), $"{what}: expected {expected.ToTensor()}, got {actual.ToTensor()}");
                break;
            case IValueKind.Tuple:
                AssertSameBits(expected.ToTuple(), actual.ToTuple(), what);
                break;
            case IValueKind.Double:
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected.ToDouble()), BitConverter.DoubleToInt64Bits(actual.ToDouble()));
                break;
            default:
                Assert.Equal(expected.ToString(), actual.ToString());
                break;
        }
    }
}
