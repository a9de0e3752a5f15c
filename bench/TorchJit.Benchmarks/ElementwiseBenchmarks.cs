using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using TorchJit.Kernels;

namespace TorchJit.Benchmarks;

/// <summary>Elementwise kernels on 1,048,576 floats against TensorPrimitives (the baseline of each pair).</summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ElementwiseBenchmarks
{
    private const int Length = 1 << 20;
    private readonly float[] x = new float[Length];
    private readonly float[] y = new float[Length];
    private readonly float[] dest = new float[Length];

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(2);
        for (int i = 0; i < Length; i++)
        {
            x[i] = (float)((rng.NextDouble() * 8) - 4);
            y[i] = (float)((rng.NextDouble() * 8) - 4);
        }
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("add")]
    public void AddTensorPrimitives() => TensorPrimitives.Add(x, y, dest);

    [Benchmark]
    [BenchmarkCategory("add")]
    public void AddTorchJit() => Elementwise.Binary<AddOperator>(x, y, dest);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("exp")]
    public void ExpTensorPrimitives() => TensorPrimitives.Exp(x, dest);

    [Benchmark]
    [BenchmarkCategory("exp")]
    public void ExpTorchJit() => Elementwise.Unary<ExpOperator>(x, dest);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("tanh")]
    public void TanhTensorPrimitives() => TensorPrimitives.Tanh(x, dest);

    [Benchmark]
    [BenchmarkCategory("tanh")]
    public void TanhTorchJit() => Elementwise.Unary<TanhOperator>(x, dest);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("sigmoid")]
    public void SigmoidTensorPrimitives() => TensorPrimitives.Sigmoid(x, dest);

    [Benchmark]
    [BenchmarkCategory("sigmoid")]
    public void SigmoidTorchJit() => Elementwise.Unary<SigmoidOperator>(x, dest);
}
