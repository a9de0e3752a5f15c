using BenchmarkDotNet.Attributes;
using TorchJit.Kernels;
using TorchJit.Passes;

namespace TorchJit.Benchmarks.Suite;

/// <summary>
/// One workload four ways in one run (issue 7): eager (the baseline), compiled at O0 and at O2 (both writing into
/// a pre-allocated output: the allocation-free call), and ONNX Runtime on the module exported by
/// <c>Onnx.Export</c>, with pre-allocated OrtValues — each at the same intra-op thread count.
/// </summary>
[MemoryDiagnoser]
public abstract class SuiteBenchmark
{
    private torch.nn.Module<Tensor, Tensor> model = null!;
    private CompiledModule compiledO0 = null!;
    private CompiledModule compiled = null!;
    private OrtSession ort = null!;
    private Tensor x = null!;
    private Tensor output = null!;
    private int previousThreads;

    [Params(1, 2)]
    public int Threads { get; set; } = 1;

    [GlobalSetup]
    public void Setup()
    {
        previousThreads = Parallelism.IntraOpThreads;
        Parallelism.IntraOpThreads = Threads;
        model = CreateModel();
        model.eval();
        x = CreateInput();
        compiledO0 = Jit.Compile(model, OptLevel.O0);
        compiled = Jit.Compile(model, OptLevel.O2);
        output = compiled.forward(x);
        // A static export: TorchJit specializes its plan to this input's shape too.
        byte[] onnx = TorchJit.Onnx.Onnx.ExportToBytes(model, x, dynamicBatch: false);
        ort = new OrtSession(onnx, Threads, x.data<float>(), x.shapeArray(), new float[output.NumElements], output.shapeArray());
        ort.Run();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        ort.Dispose();
        Parallelism.IntraOpThreads = previousThreads;
    }

    [Benchmark(Baseline = true)]
    public Tensor Eager() => model.forward(x);

    [Benchmark]
    public Tensor CompiledO0()
    {
        compiledO0.forward(x, output);
        return output;
    }

    [Benchmark]
    public Tensor Compiled()
    {
        compiled.forward(x, output);
        return output;
    }

    [Benchmark]
    public void OnnxRuntime() => ort.Run();

    /// <summary>The model, with its weights.</summary>
    protected abstract torch.nn.Module<Tensor, Tensor> CreateModel();

    /// <summary>The input every call gets.</summary>
    protected abstract Tensor CreateInput();
}
