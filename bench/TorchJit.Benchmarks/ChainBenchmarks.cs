using BenchmarkDotNet.Attributes;
using TorchJit.Zoo;
using static TorchJit.torch;

namespace TorchJit.Benchmarks;

/// <summary>
/// The elementwise chain <c>sigmoid(x * a + b) * tanh(x)</c> on 1,048,576 floats: eager runs five ops, five passes
/// over memory (baseline); compiled runs one emitted SIMD loop, returning a new tensor or writing into one.
/// </summary>
[MemoryDiagnoser]
public class ChainBenchmarks
{
    private ChainModel model = null!;
    private CompiledModule compiled = null!;
    private Tensor x = null!;
    private Tensor output = null!;

    [GlobalSetup]
    public void Setup()
    {
        model = new ChainModel();
        compiled = Jit.Compile(model);
        manual_seed(0);
        x = randn(1024, 1024);
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
