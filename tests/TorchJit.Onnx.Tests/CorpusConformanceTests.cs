using TorchJit.Tests;
using TorchJit.Tests.Corpus;

namespace TorchJit.Onnx.Tests;

/// <summary>
/// The scripting corpus through ONNX: every model, from both builds, is exported with a symbolic batch
/// dimension and run in ONNX Runtime on the corpus's inputs (zeros, fives, random scales: both sides of every
/// data-dependent branch), within tolerance of eager. A model ONNX cannot express must be listed in
/// <see cref="NotExpressible"/> with the op that stops it, and its export must fail naming that op.
/// </summary>
public sealed class CorpusConformanceTests
{
    private const int InputCount = 6;

    // Entry name -> the op named by the export error, and why ONNX cannot express it.
    private static readonly Dictionary<string, string> NotExpressible = new(StringComparer.Ordinal)
    {
    };

    public static TheoryData<string, bool> Cases => ModelCorpus.Cases;

    [Theory]
    [MemberData(nameof(Cases))]
    public void ExportedCorpusModelAgreesWithEager(string name, bool optimized)
    {
        var entry = ModelCorpus.Get(name);
        var model = ModelCorpus.Create(entry, optimized);
        var inputs = ModelCorpus.Inputs(entry, InputCount);
        if (NotExpressible.TryGetValue(name, out var op))
        {
            var error = Assert.Throws<OnnxExportException>(() => Onnx.ExportToBytes(model, inputs[0]));
            Assert.Equal(op, error.Op);
            return;
        }

        using var oracle = new OrtOracle(Onnx.ExportToBytes(model, inputs[0]));
        foreach (var x in inputs)
        {
            var expected = model.forward(x);
            var actual = oracle.Run(x);
            string at = $"{name} ({(optimized ? "optimized" : "debug")} build)";
            if (expected.DType == Kernels.DType.Float32) TensorAssert.Close(expected, actual, 1e-5, 1e-5, at);
            else Assert.True(expected.BitEquals(actual), $"{at}: integer results differ from eager");
        }
    }
}
