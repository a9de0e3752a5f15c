using BenchmarkDotNet.Attributes;
using TorchJit.Zoo;
using static TorchJit.torch;

namespace TorchJit.Benchmarks;

/// <summary>Per-call overhead: CondModel on a 2x3 input, eager (baseline) versus compiled, returning a tensor or writing into one.</summary>
[MemoryDiagnoser]
public class CondModelBenchmarks
{
    private CondModel model = null!;
    private CompiledModule compiled = null!;
    private Tensor x = null!;
    private Tensor output = null!;

    [GlobalSetup]
    public void Setup()
    {
        model = new CondModel();
        compiled = Jit.Compile(model);
        manual_seed(0);
        x = rand(2, 3);
        output = compiled.forward(x);
    }

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
