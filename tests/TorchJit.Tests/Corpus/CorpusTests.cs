using TorchJit.Ir;
using TorchJit.Kernels;
using TorchJit.Passes;

namespace TorchJit.Tests.Corpus;

/// <summary>
/// Every corpus model, from both its Debug- and Release-shaped builds, is scripted; its graphs print,
/// parse and print again unchanged; the interpreter, on the scripted graph and on its inlined copy, agrees
/// with eager on 20 seeded inputs (fp32: rtol 1.3e-6, atol 1e-5; integers exactly); a trace agrees with eager
/// where tracing can record the model, and raises a TracerWarning where the model reads tensor data.
/// </summary>
public sealed class CorpusTests
{
    private const int InputCount = 20;
    private const double RelativeTolerance = 1.3e-6;
    private const double AbsoluteTolerance = 1e-5;

    public static TheoryData<string, bool> Cases => ModelCorpus.Cases;

    [Fact]
    public void TheCorpusHasAtLeastFortyModels() => Assert.True(ModelCorpus.All.Select(e => e.Class).Distinct().Count() >= 40);

    [Theory]
    [MemberData(nameof(Cases))]
    public void ScriptedGraphsRoundTripThroughTheParser(string name, bool optimized)
    {
        var scripted = Jit.Script(ModelCorpus.Create(ModelCorpus.Get(name), optimized));
        foreach (var method in scripted.Object.Methods.Values)
        {
            string printed = GraphPrinter.Print(method.Graph, sourceRanges: false);
            Assert.Equal(printed, IrParser.Parse(printed).ToString());
        }
    }

    [Fact]
    public void FunctionCallGraphsRoundTrip()
    {
        var scripted = Jit.Script(new Models.Unoptimized.StaticHelperModel());
        string printed = GraphPrinter.Print(scripted.ForwardGraph, sourceRanges: false);
        Assert.Equal(printed, IrParser.Parse(printed).ToString());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void InterpretedScriptAgreesWithEager(string name, bool optimized)
    {
        var entry = ModelCorpus.Get(name);
        var model = ModelCorpus.Create(entry, optimized);
        var scripted = Jit.Script(model);

        Assert.Empty(scripted.Warnings);
        foreach (var x in ModelCorpus.Inputs(entry, InputCount))
            AssertClose(model.forward(x), scripted.forward(x), $"{name} ({(optimized ? "release" : "debug")}) on {x}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void InlinedScriptAgreesWithEager(string name, bool optimized)
    {
        var entry = ModelCorpus.Get(name);
        var model = ModelCorpus.Create(entry, optimized);
        var scripted = Jit.Script(model);
        var inlined = GraphCopy.Clone(scripted.ForwardGraph);
        new Inline().Run(inlined, new PassContext { Self = scripted.Object });

        string text = inlined.ToString();
        Assert.DoesNotContain("prim::CallMethod", text);
        Assert.DoesNotContain("prim::CallFunction", text);
        foreach (var x in ModelCorpus.Inputs(entry, 5))
            AssertClose(model.forward(x), Interpreter.Run(inlined, IValue.Object(scripted.Object), x)[0].ToTensor(), $"{name} inlined on {x}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TracingAgreesWithEagerOrWarns(string name, bool optimized)
    {
        var entry = ModelCorpus.Get(name);
        var model = ModelCorpus.Create(entry, optimized);
        var inputs = ModelCorpus.Inputs(entry, InputCount);
        var warnings = new List<TracerWarning>();
        var traced = Jit.Trace(model, inputs[^1], warnings.Add);

        if (!entry.Traceable)
        {
            // The model reads tensor data into C# values (for control flow or numbers): the trace bakes them in.
            Assert.NotEmpty(warnings);
            return;
        }

        Assert.Empty(warnings);
        foreach (var x in inputs) AssertClose(model.forward(x), traced.forward(x), $"{name} traced on {x}");
    }


    private static void AssertClose(Tensor expected, Tensor actual, string what)
    {
        Assert.Equal(expected.DType, actual.DType);
        Assert.Equal(expected.Shape.ToArray(), actual.Shape.ToArray());
        if (expected.DType != DType.Float32)
        {
            Assert.True(expected.BitEquals(actual), $"{what}: expected {expected}, got {actual}");
            return;
        }

        var e = expected.ToArray();
        var a = actual.ToArray();
        for (int i = 0; i < e.Length; i++)
        {
            bool close = (float.IsNaN(e[i]) && float.IsNaN(a[i])) || e[i] == a[i] || Math.Abs(e[i] - a[i]) <= AbsoluteTolerance + (RelativeTolerance * Math.Abs(e[i]));
            Assert.True(close, $"{what}: element {i} expected {e[i]}, got {a[i]}");
        }
    }
}
