using TorchJit.Frontend;
using TorchJit.Zoo;
using static TorchJit.torch;
using F = TorchJit.torch.nn.functional;

namespace TorchJit.Tests.Tracing;

/// <summary>
/// <c>check_inputs</c>: the module is traced again on each check input and compared with the first trace.
/// A different graph fails with PyTorch's "Graphs differed across invocations!" and the diff; outputs that
/// differ from eager beyond tolerance raise PyTorch's "Output nr 1. ..." warning.
/// </summary>
public sealed class TraceCheckTests
{
    [Fact]
    public void ABranchThatGoesTheOtherWayFailsWithTheGraphDiff()
    {
        var warnings = new List<TracerWarning>();
        var x = rand(2, 3); // sums to less than 10: the trace records x + 10

        var e = Assert.Throws<TracingCheckException>(() => Jit.Trace(new CondModel(), x, warnings.Add, checkInputs: [ones(2, 3) * 5]));

        Assert.StartsWith("Tracing failed sanity checks!\nERROR: Graphs differed across invocations!\n\tGraph diff:\n", e.Message);
        Assert.Contains(
            "\t\t  graph(%self : __torch__.CondModel,\n" +
            "\t\t        %x : Tensor):\n" +
            "\t\t-   %0 : Tensor = prim::Constant[value={10}]()\n" +
            "\t\t-   %1 : int = prim::Constant[value=1]()\n" +
            "\t\t-   %2 : Tensor = aten::add(%x, %0, %1) # CondModel.cs:21:",
            e.Message);
        Assert.Contains("\t\t-   return (%2)\n\t\t+   return (%x)\n", e.Message);
        Assert.NotNull(e.GraphDiffError);
        Assert.Null(e.TensorCompareError);

        // Before failing, the outputs were compared: the trace adds 10 where eager mode does not.
        var mismatch = warnings.Single(w => w.Message.StartsWith("Output nr", StringComparison.Ordinal));
        Assert.Equal(
            """
            Output nr 1. of the traced function does not match the corresponding output of the C# function. Detailed error:
            Tensor-likes are not close!

            Mismatched elements: 6 / 6 (100.0%)
            Greatest absolute difference: 10.0 at index (0, 0) (up to 1e-05 allowed)
            Greatest relative difference: 2.0 at index (0, 0) (up to 1e-05 allowed)
            """.ReplaceLineEndings("\n"),
            mismatch.Message);
        Assert.EndsWith(nameof(TraceCheckTests) + ".cs", mismatch.File);
    }

    [Fact]
    public void OtherBatchSizesRecordTheSameGraph()
    {
        var mlp = ModelZoo.Mlp();
        mlp.eval();
        var warnings = new List<TracerWarning>();

        var traced = Jit.Trace(mlp, rand(1, 784), warnings.Add, checkInputs: [rand(4, 784), rand(2, 784)]);

        Assert.Empty(warnings);
        var x = rand(3, 784);
        Assert.True(mlp.forward(x).BitEquals(traced.forward(x)));
    }

    [Fact]
    public void DataBakedIntoAConstantFailsTheConstantComparison()
    {
        var warnings = new List<TracerWarning>();
        // The data of x becomes a constant (the trace warns about both the read and the constant).
        var module = new LambdaModule(x => x + Tensor.FromArray(x.ToArray(), 2, 3));

        var e = Assert.Throws<TracingCheckException>(() => Jit.Trace(module, rand(2, 3), warnings.Add, checkInputs: [rand(2, 3)]));

        Assert.Null(e.GraphDiffError); // <Tensor> prints alike
        Assert.StartsWith(
            "Tracing failed sanity checks!\nERROR: Tensor-valued Constant nodes differed in value across invocations. " +
            "This often indicates that the tracer has encountered untraceable code.\n\tNode:\n\t\t  %",
            e.Message);
        Assert.Contains("prim::Constant[value=<Tensor>]()", e.Message);
        Assert.Contains("\tComparison exception: \tTensor-likes are not close!", e.Message);
        Assert.Contains(warnings, w => w.Message.StartsWith("Output nr 1. of the traced function does not match", StringComparison.Ordinal));
    }

    [Fact]
    public void RandomOpsExplainAMismatchButTheGraphStands()
    {
        var warnings = new List<TracerWarning>();
        var module = new LambdaModule(x => F.dropout(x, 0.5, training: true));

        Jit.Trace(module, rand(8, 8), warnings.Add, checkInputs: [rand(8, 8)]);

        Assert.Equal(2, warnings.Count);
        Assert.StartsWith("Trace had nondeterministic nodes. Did you forget call .eval() on your model? Nodes:\n\t  %", warnings[0].Message);
        Assert.Contains("aten::dropout(", warnings[0].Message);
        Assert.StartsWith("Output nr 1. of the traced function does not match the corresponding output of the C# function.", warnings[1].Message);
    }

    [Fact]
    public void ClosenessFollowsAssertClose()
    {
        var a = Tensor.FromArray([1f, 2f, float.NaN, 4f], 4);

        Assert.Null(TensorCloseness.Compare(a, Tensor.FromArray([1f, 2.00001f, float.NaN, 4f], 4), 1e-5, 1e-5));
        Assert.Equal(
            "Tensor-likes are not close!\n\nMismatched elements: 1 / 4 (25.0%)\n" +
            "Greatest absolute difference: 0.5 at index (3,) (up to 1e-05 allowed)\n" +
            "Greatest relative difference: 0.1111111111111111 at index (3,) (up to 1e-05 allowed)",
            TensorCloseness.Compare(a, Tensor.FromArray([1f, 2f, float.NaN, 4.5f], 4), 1e-5, 1e-5));
        // A looser relative tolerance accepts the same difference.
        Assert.Null(TensorCloseness.Compare(a, Tensor.FromArray([1f, 2f, float.NaN, 4.5f], 4), 0.2, 1e-5));
        Assert.Equal(
            "The values for attribute 'shape' do not match: torch.Size([4]) != torch.Size([2, 2]).",
            TensorCloseness.Compare(a, rand(2, 2), 1e-5, 1e-5));
    }
}
