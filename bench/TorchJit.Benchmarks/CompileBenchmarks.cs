using BenchmarkDotNet.Attributes;
using TorchJit.Zoo;
using static TorchJit.torch;

namespace TorchJit.Benchmarks;

/// <summary>
/// Warm compile time of the zoo CNN: scripting (the decompiler's caches warm after the first), the O2 passes,
/// codegen, and the first call's plan for a [1, 3, 32, 32] input (shape specialization, arena plan, IL).
/// </summary>
[MemoryDiagnoser]
public class CompileBenchmarks
{
    private nn.Module<Tensor, Tensor> cnn = null!;
    private Tensor x = null!;

    [GlobalSetup]
    public void Setup()
    {
        cnn = ModelZoo.Cnn();
        x = rand(1, 3, 32, 32);
        Jit.Compile(cnn).forward(x);
    }

    [Benchmark]
    public CompiledModule CompileCnn() => Jit.Compile(cnn);

    [Benchmark]
    public Tensor CompileCnnAndPlan() => Jit.Compile(cnn).forward(x);
}
