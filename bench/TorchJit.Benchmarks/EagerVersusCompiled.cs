using BenchmarkDotNet.Attributes;
using static TorchJit.torch;

namespace TorchJit.Benchmarks;

/// <summary>
/// One model three ways, in one run: eager (the baseline), compiled returning a new tensor, and compiled writing
/// into a caller-provided output (the allocation-free call).
/// </summary>
[MemoryDiagnoser]
public abstract class EagerVersusCompiled
{
    private nn.Module<Tensor, Tensor> model = null!;
    private CompiledModule compiled = null!;
    private Tensor x = null!;
    private Tensor output = null!;

    [GlobalSetup]
    public virtual void Setup()
    {
        model = CreateModel();
        compiled = Jit.Compile(model);
        x = CreateInput();
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

    /// <summary>The model, with its weights.</summary>
    protected abstract nn.Module<Tensor, Tensor> CreateModel();

    /// <summary>The input every call gets.</summary>
    protected abstract Tensor CreateInput();
}
