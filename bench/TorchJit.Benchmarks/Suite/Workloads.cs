using BenchmarkDotNet.Attributes;
using TorchJit.Zoo;
using static TorchJit.torch;

namespace TorchJit.Benchmarks.Suite;

/// <summary>Per-call overhead: CondModel (<c>x if x.sum() > 10 else x + 10</c>) on 2×3.</summary>
public class SuiteCond : SuiteBenchmark
{
    protected override nn.Module<Tensor, Tensor> CreateModel() => ModelZoo.Get("cond").Create();

    protected override Tensor CreateInput()
    {
        manual_seed(0);
        return rand(2, 3);
    }
}

/// <summary>MLP 784-512-512-10 at batch 1 (bound by reading 2.6 MB of weights) and 64 (bound by the GEMMs).</summary>
public class SuiteMlp : SuiteBenchmark
{
    [Params(1, 64)]
    public int Batch { get; set; } = 1;

    protected override nn.Module<Tensor, Tensor> CreateModel() => ModelZoo.Mlp512();

    protected override Tensor CreateInput()
    {
        manual_seed(0);
        return rand(Batch, 784);
    }
}

/// <summary><c>sigmoid(x * 1.5 - 0.25) * tanh(x)</c> on 1,048,576 floats.</summary>
public class SuiteChain : SuiteBenchmark
{
    protected override nn.Module<Tensor, Tensor> CreateModel() => ModelZoo.Get("chain").Create();

    protected override Tensor CreateInput()
    {
        manual_seed(0);
        return randn(1024, 1024);
    }
}

/// <summary>
/// Square GEMM as a bias-free <c>Linear(N, N)</c> on an N×N input: 2·N³ flops, so GFLOP/s = 2·N³ / time. The
/// weight is a constant of the model in all three engines (TorchJit and ONNX Runtime pre-pack it at load).
/// </summary>
public class SuiteGemm : SuiteBenchmark
{
    [Params(256, 1024)]
    public int N { get; set; } = 256;

    protected override nn.Module<Tensor, Tensor> CreateModel()
    {
        manual_seed(0);
        return nn.Linear(N, N, hasBias: false);
    }

    protected override Tensor CreateInput()
    {
        manual_seed(1);
        return rand(N, N);
    }
}

/// <summary>The zoo CNN (conv, BN, ReLU, pool twice, linear) on 3×32×32 at batch 1 and 32.</summary>
public class SuiteCnn : SuiteBenchmark
{
    [Params(1, 32)]
    public int Batch { get; set; } = 1;

    protected override nn.Module<Tensor, Tensor> CreateModel() => ModelZoo.Cnn();

    protected override Tensor CreateInput()
    {
        manual_seed(0);
        return rand(Batch, 3, 32, 32);
    }
}

/// <summary>TransformerEncoderLayer (d_model 256, 4 heads, ff 1024) on a sequence of 64, batch 1.</summary>
public class SuiteTransformer : SuiteBenchmark
{
    protected override nn.Module<Tensor, Tensor> CreateModel() => ModelZoo.Transformer();

    protected override Tensor CreateInput()
    {
        manual_seed(0);
        return rand(1, 64, 256);
    }
}
