using BenchmarkDotNet.Attributes;
using TorchJit.Kernels;

namespace TorchJit.Benchmarks;

/// <summary>
/// Square SGEMM against the FMA-loop peak in the same run. GFLOP/s = 2·N³ / mean time; the peak row does
/// <see cref="FmaPeak.Flops"/> flops in <see cref="PeakIterations"/> iterations.
/// </summary>
[MemoryDiagnoser]
public class GemmBenchmarks
{
    public const int PeakIterations = 1 << 22;

    private float[] a = [], b = [], c = [];

    [Params(256, 1024)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        a = Enumerable.Range(0, N * N).Select(_ => (float)rng.NextDouble()).ToArray();
        b = Enumerable.Range(0, N * N).Select(_ => (float)rng.NextDouble()).ToArray();
        c = new float[N * N];
    }

    [Benchmark]
    public void Sgemm() => Gemm.Sgemm(false, false, N, N, N, 1f, a, N, b, N, 0f, c, N);

    [Benchmark]
    public float FmaPeakLoop() => FmaPeak.Run(PeakIterations);
}
