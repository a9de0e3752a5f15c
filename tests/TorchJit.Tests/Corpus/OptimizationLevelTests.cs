using TorchJit.Ir;
using TorchJit.Passes;

namespace TorchJit.Tests.Corpus;

/// <summary>
/// The differential test of the pass pipeline: every corpus model's graph, lowered as <c>Jit.Compile</c> lowers
/// it and optimized at O0, O1 and O2 (linted after every pass), runs in the interpreter and agrees with eager on
/// random inputs: within fp32 tolerance, looser by 1e-4 relative where O2 folds batch norms. Its code prints.
/// </summary>
public sealed class OptimizationLevelTests
{
    private const int InputCount = 8;

    public static TheoryData<string, bool> Cases => ModelCorpus.Cases;

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryLevelAgreesWithEager(string name, bool optimized)
    {
        var entry = ModelCorpus.Get(name);
        var model = ModelCorpus.Create(entry, optimized);
        var scripted = Jit.Script(model);
        Assert.NotEmpty(scripted.Code); // prints every construct the scripter emits (loops with break as while loops)
        var inputs = ModelCorpus.Inputs(entry, InputCount);
        foreach (var level in new[] { OptLevel.O0, OptLevel.O1, OptLevel.O2 })
        {
            var graph = GraphCopy.Clone(scripted.ForwardGraph);
            var context = new PassContext(PassOptions.Default with { Verify = true }) { Self = scripted.Object };
            new PassManager([new Inline(), new Freeze(), new EliminateDeadCode()]).Run(graph, context);
            PassManager.ForLevel(level).Run(graph, context);
            double rtol = level == OptLevel.O2 ? 1e-4 : TensorAssert.DefaultRtol;
            foreach (var x in inputs)
            {
                var expected = model.forward(x);
                var actual = Interpreter.Run(graph, IValue.Object(scripted.Object), x)[0].ToTensor();
                if (expected.DType == Kernels.DType.Float32) TensorAssert.Close(expected, actual, rtol, TensorAssert.DefaultAtol, $"{name} at {level}");
                else Assert.True(expected.BitEquals(actual), $"{name} at {level}: integer results differ");
            }
        }
    }
}
