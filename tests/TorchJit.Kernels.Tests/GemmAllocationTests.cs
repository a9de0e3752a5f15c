namespace TorchJit.Kernels.Tests;

/// <summary>Packing buffers are per-thread scratch, reused: a repeated product allocates nothing.</summary>
public sealed class GemmAllocationTests
{
    [Fact]
    public void Repeated_products_do_not_allocate()
    {
        var rng = new Random(1400);
        int m = 40, n = 70, k = 450; // several k blocks, an edge panel, a tail row tile
        float[] a = TestData.Uniform(rng, m * k), b = TestData.Uniform(rng, k * n), bias = TestData.Uniform(rng, n);
        var c = new float[m * n];
        PackedMatrix packed = Gemm.PackB(b, k, n, transB: false, ldb: n);
        VectorWidth best = VectorWidths.Resolve(VectorWidth.Best);
        void Products()
        {
            Gemm.SgemmAt(true, true, m, n, k, 0.5f, a, m, b, k, 0.25f, c, n, best, threads: 1);
            Gemm.SgemmAt(false, m, a, k, packed, bias, c, n, Epilogue.Relu, threads: 1);
            Gemm.LinearAt(a, b, bias, c, m, k, n, best);
        }

        Products(); // first use grows this thread's scratch
        long before = GC.GetAllocatedBytesForCurrentThread();
        Products();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
