using TorchJit.Ir;
using TorchJit.Kernels;
using TorchJit.Passes;
using TorchJit.Tests.Corpus;

namespace TorchJit.Tests.Runtime;

/// <summary>
/// The differential test of codegen: every corpus model compiled at O0, O1 and O2 and at every forced vector
/// width runs bit-identical to the interpreter on the same optimized graph (same ops, same order: the same
/// bits), and within tolerance of eager; writing into a given output gives the same bits as returning one.
/// </summary>
public sealed class CompiledCorpusTests
{
    private const int InputCount = 6;

    private static readonly VectorWidth[] Widths = [VectorWidth.Scalar, VectorWidth.V128, VectorWidth.V256, VectorWidth.V512];

    public static TheoryData<string, bool> Cases => ModelCorpus.Cases;

    [Theory]
    [MemberData(nameof(Cases))]
    public void CompiledEqualsInterpreterAndEager(string name, bool optimized)
    {
        var entry = ModelCorpus.Get(name);
        var model = ModelCorpus.Create(entry, optimized);
        var scripted = Jit.Script(model);
        var inputs = ModelCorpus.Inputs(entry, InputCount);
        var self = IValue.Object(scripted.Object);
        foreach (var level in new[] { OptLevel.O0, OptLevel.O1, OptLevel.O2 })
        {
            foreach (var width in Widths)
            {
                var compiled = Jit.Compile(scripted, level, width: width);
                double rtol = level == OptLevel.O2 ? 1e-4 : TensorAssert.DefaultRtol;
                foreach (var x in inputs)
                {
                    string at = $"{name} at {level}, {width}";
                    var actual = compiled.forward(x);
                    var interpreted = Interpreter.Run(compiled.OptimizedGraph, self, x)[0].ToTensor();
                    Assert.True(interpreted.BitEquals(actual), $"{at}: compiled differs from the interpreter");
                    var expected = model.forward(x);
                    if (expected.DType == DType.Float32) TensorAssert.Close(expected, actual, rtol, TensorAssert.DefaultAtol, at);
                    else Assert.True(expected.BitEquals(actual), $"{at}: integer results differ from eager");

                    var into = Tensor.Empty(actual.DType, actual.Shape);
                    compiled.forward(x, into);
                    Assert.True(actual.BitEquals(into), $"{at}: forward into an output differs");
                }
            }
        }
    }
}
