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
    // At the default opset 17; SwitchModelExportsAtOpset18 shows it works from 18.
    private static readonly Dictionary<string, string> NotExpressible = new(StringComparer.Ordinal)
    {
        // C# compiles a switch's case tests on a long to xor: ONNX has BitwiseXor only from opset 18.
        [nameof(TorchJit.Tests.Models.Unoptimized.SwitchModel)] = "aten::__xor__.int",
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

        AgreesWithEager(name, optimized, model, inputs, opset: Onnx.MinOpset);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SwitchModelExportsAtOpset18(bool optimized)
    {
        var entry = ModelCorpus.Get(nameof(TorchJit.Tests.Models.Unoptimized.SwitchModel));
        var model = ModelCorpus.Create(entry, optimized);
        var inputs = ModelCorpus.Inputs(entry, InputCount);
        // Sums that hit the switch's cases 1, 2, 3 and 7 (the corpus inputs mostly land in the default case), made of
        // small integers so that every summation order gives the same total: (long)sum truncates, so a sum of
        // 6 × 1/3 that comes to 1.9999999 in one order and 2.0000002 in another would take different cases.
        float[][] cases = [[1, 0, 0, 0, 0, 0], [2, 0, 0, 0, 0, 0], [1, 1, 1, 0, 0, 0], [4, 0, 3, 0, 0, 0]];
        inputs = [.. inputs, .. cases.Select(c => Tensor.FromArray(c, 2, 3))];
        AgreesWithEager(entry.Name, optimized, model, inputs, opset: 18);
    }

    private static void AgreesWithEager(string name, bool optimized, torch.nn.Module<Tensor, Tensor> model, IReadOnlyList<Tensor> inputs, int opset)
    {
        using var oracle = new OrtOracle(Onnx.ExportToBytes(model, inputs[0], opset));
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
