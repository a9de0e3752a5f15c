using BenchmarkDotNet.Attributes;
using TorchJit.Zoo;
using static TorchJit.torch;

namespace TorchJit.Benchmarks;

/// <summary>The MLP 784-128-10, eager (baseline) versus compiled, at batch 1 and 64.</summary>
[MemoryDiagnoser]
public class MlpBenchmarks
{
    private nn.Module<Tensor, Tensor> model = null!;
    private CompiledModule compiled = null!;
    private Tensor x = null!;

    [Params(1, 64)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        model = ModelZoo.Mlp();
        model.eval();
        compiled = Jit.Compile(model);
        x = rand(Batch, 784);
    }

    [Benchmark(Baseline = true)]
    public Tensor Eager() => model.forward(x);

    [Benchmark]
    public Tensor Compiled() => compiled.forward(x);
}
