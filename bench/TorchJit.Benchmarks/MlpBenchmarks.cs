using BenchmarkDotNet.Attributes;
using TorchJit.Kernels;
using TorchJit.Zoo;
using static TorchJit.torch;

namespace TorchJit.Benchmarks;

/// <summary>
/// The MLPs, eager (baseline) versus compiled, at batch 1 and 64: 784-128-10 (issue 2) and 784-512-512-10
/// (issue 3's target), on one thread and with GEMMs split over two intra-op threads.
/// </summary>
public class MlpBenchmarks : EagerVersusCompiled
{
    private int previousThreads;

    [Params(1, 64)]
    public int Batch { get; set; }

    [Params("mlp", "mlp512")]
    public string Model { get; set; } = "mlp";

    [Params(1, 2)]
    public int Threads { get; set; } = 1;

    /// <inheritdoc/>
    public override void Setup()
    {
        previousThreads = Parallelism.IntraOpThreads;
        Parallelism.IntraOpThreads = Threads;
        base.Setup();
    }

    [GlobalCleanup]
    public void Cleanup() => Parallelism.IntraOpThreads = previousThreads;

    /// <inheritdoc/>
    protected override nn.Module<Tensor, Tensor> CreateModel()
    {
        var model = ModelZoo.Get(Model).Create();
        model.eval();
        return model;
    }

    /// <inheritdoc/>
    protected override Tensor CreateInput() => rand(Batch, 784);
}
