using TorchJit.Tests;
using TorchJit.Zoo;

namespace TorchJit.Onnx.Tests;

/// <summary>
/// Every zoo model (the benchmark workloads) exported with a symbolic batch dimension and run in ONNX Runtime at
/// the example's batch size and another, within tolerance of eager.
/// </summary>
public sealed class ZooConformanceTests
{
    // Looser than assert_close's fp32 defaults where a GEMM or reduction sums in another order than TorchJit's
    // kernels (ONNX Runtime's MLAS blocks K differently): the error grows with the length of the sums, ~sqrt(K) ulps.
    public static TheoryData<string, double, double> Cases => new()
    {
        { "cond", TensorAssert.DefaultRtol, TensorAssert.DefaultAtol },
        { "chain", 1e-5, 1e-5 },       // sigmoid and tanh: MLAS's and TorchJit's approximations differ by a few ulps
        { "mlp", 1e-4, 1e-5 },         // K = 784
        { "mlp512", 1e-4, 1e-5 },      // K = 784, 512, 512
        { "cnn", 1e-4, 1e-4 },         // conv K = 144 then a 2048-long linear, BN folded into conv weights (TorchJit folds in the graph, ORT at load)
        { "transformer", 1e-4, 1e-4 }, // K = 256 and 1024, softmax and layer norm reductions
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ExportedZooModelAgreesWithEager(string name, double rtol, double atol) => AgreesWithEager(name, rtol, atol, Onnx.MinOpset);

    // Opset 18 moved ReduceMean's axes from an attribute to an input (the transformer's layer norms are whole
    // ops, but its attention and the CNN's pools cross the mapping's opset switches).
    [Theory]
    [InlineData("transformer", 18)]
    [InlineData("transformer", 20)]
    [InlineData("cnn", 21)]
    public void LaterOpsetsAgreeToo(string name, int opset) => AgreesWithEager(name, 1e-4, 1e-4, opset);

    private static void AgreesWithEager(string name, double rtol, double atol, int opset)
    {
        var zoo = ModelZoo.Get(name);
        var model = zoo.Create();
        model.eval();
        var example = zoo.ExampleInput();
        using var oracle = new OrtOracle(Onnx.ExportToBytes(model, example, opset));
        int seed = 0;
        foreach (int batch in new[] { example.Shape[0], 3 })
        {
            var x = TestInputs.Uniform(seed++, TestInputs.WithBatch(example.Shape, batch));
            // CondModel's branch depends on the data: shift one input so that both branches are taken.
            if (name == "cond" && batch == 3) x = x + 5;
            TensorAssert.Close(model.forward(x), oracle.Run(x), rtol, atol, $"{name}, batch {batch}");
        }
    }
}
