using BenchmarkDotNet.Attributes;
using TorchJit.Kernels;
using TorchJit.Zoo;
using static TorchJit.torch;

namespace TorchJit.Benchmarks;

/// <summary>
/// The MLPs, eager (baseline) versus compiled, at batch 1 and 64: 784-128-10 (issue 2) and 784-512-512-10
/// (issue 3's target), on one thread and with GEMMs split over two intra-op threads.
/// </summary>
[MemoryDiagnoser]
public class MlpBenchmarks
{
    private nn.Module<Tensor, Tensor> model = null!;
    private CompiledModule compiled = null!;
    private Tensor x = null!;
    private Tensor output = null!;
    private int previousThreads;

    [Params(1, 64)]
    public int Batch { get; set; }

    [Params("mlp", "mlp512")]
    public string Model { get; set; } = "mlp";

    [Params(1, 2)]
    public int Threads { get; set; } = 1;

    [GlobalSetup]
    public void Setup()
    {
        previousThreads = Parallelism.IntraOpThreads;
        Parallelism.IntraOpThreads = Threads;
        model = ModelZoo.Get(Model).Create();
        model.eval();
        compiled = Jit.Compile(model);
        x = rand(Batch, 784);
        output = compiled.forward(x);
    }

    [GlobalCleanup]
    public void Cleanup() => Parallelism.IntraOpThreads = previousThreads;

    [Benchmark(Baseline = true)]
    public Tensor Eager() => model.forward(x);

    [Benchmark]
    public Tensor Compiled() => compiled.forward(x);

    [Benchmark]
    public Tensor CompiledIntoOutput()
    {
        compiled.forward(x, output);
        return output;
    }
}
