namespace TorchJit.Kernels.Tests;

/// <summary>Intra-op threads split only output tiles, so every thread count gives the single-thread bits.</summary>
public sealed class GemmParallelTests
{
    public static TheoryData<VectorWidth> Widths => new(VectorWidths.Supported.ToArray());

    [Theory, MemberData(nameof(Widths))]
    public void Any_thread_count_gives_the_single_thread_bits(VectorWidth w)
    {
        var rng = new Random(1200 + (int)w);
        // Tall shapes split rows, short-and-wide ones split panels (GemmParallel picks the more even split).
        foreach (var (m, n, k) in new[] { (97, 40, 50), (2, 300, 40), (1, 200, 33), (30, 30, 30), (7, 9, 300) })
        {
            var g = new GemmCase(rng, m, n, k, transA: rng.Next(2) == 0, transB: rng.Next(2) == 0, specials: false);
            float[] bias = TestData.Uniform(rng, n);
            float[] c = (float[])g.C.Clone();
            Gemm.SgemmAt(g.TransA, g.TransB, m, n, k, 0.5f, g.A, g.Lda, g.B, g.Ldb, 1f, c, g.Ldc, w, threads: 1);
            PackedMatrix packed = Gemm.PackBAt(g.B, k, n, g.TransB, g.Ldb, w, GemmBlocking.For(w));
            var cp = new float[g.C.Length];
            Gemm.SgemmAt(g.TransA, m, g.A, g.Lda, packed, bias, cp, g.Ldc, Epilogue.Relu, threads: 1);
            foreach (int threads in new[] { 2, 3, 5 })
            {
                float[] ct = (float[])g.C.Clone();
                Gemm.SgemmAt(g.TransA, g.TransB, m, n, k, 0.5f, g.A, g.Lda, g.B, g.Ldb, 1f, ct, g.Ldc, w, threads, minFlopsPerThread: 1);
                Assert.Equal(c, ct);
                var cpt = new float[g.C.Length];
                Gemm.SgemmAt(g.TransA, m, g.A, g.Lda, packed, bias, cpt, g.Ldc, Epilogue.Relu, threads, minFlopsPerThread: 1);
                Assert.Equal(cp, cpt);
            }
        }
    }

    [Fact]
    public void Back_to_back_split_products_never_mix()
    {
        // The calling thread reuses one fork-join job; work items queued for one product can start during the
        // next. Alternate two shapes with different chunk counts many times and check every result.
        var rng = new Random(1230);
        VectorWidth w = VectorWidths.Resolve(VectorWidth.Best);
        var cases = new[] { (M: 37, N: 29, K: 40), (M: 5, N: 70, K: 17) };
        var inputs = new (float[] A, float[] B, float[] Expected)[cases.Length];
        for (int s = 0; s < cases.Length; s++)
        {
            var (m, n, k) = cases[s];
            float[] a = TestData.Uniform(rng, m * k), b = TestData.Uniform(rng, k * n), expected = new float[m * n];
            Gemm.SgemmAt(false, false, m, n, k, 1f, a, k, b, n, 0f, expected, n, w, threads: 1);
            inputs[s] = (a, b, expected);
        }

        for (int round = 0; round < 300; round++)
        {
            int s = round % cases.Length;
            var (m, n, k) = cases[s];
            var c = new float[m * n];
            Gemm.SgemmAt(false, false, m, n, k, 1f, inputs[s].A, k, inputs[s].B, n, 0f, c, n, w, threads: 2 + (round % 3), minFlopsPerThread: 1);
            Assert.Equal(inputs[s].Expected, c);
        }
    }

    [Fact]
    public void Packing_a_large_B_on_several_threads_gives_the_same_bits()
    {
        // 600 x 900 floats is over twice GemmParallel.MinPackedFloatsPerThread, so the packing itself splits.
        var rng = new Random(1250);
        int m = 3, n = 900, k = 600;
        float[] a = TestData.Uniform(rng, m * k), b = TestData.Uniform(rng, n * k);
        var one = new float[m * n];
        Gemm.SgemmAt(false, true, m, n, k, 1f, a, k, b, k, 0f, one, n, VectorWidths.Resolve(VectorWidth.Best), threads: 1);
        foreach (int threads in new[] { 2, 3 })
        {
            var many = new float[m * n];
            Gemm.SgemmAt(false, true, m, n, k, 1f, a, k, b, k, 0f, many, n, VectorWidths.Resolve(VectorWidth.Best), threads);
            Assert.Equal(one, many);
        }
    }

    [Fact]
    public void IntraOpThreads_is_used_by_the_public_entry_points_and_validated()
    {
        var rng = new Random(1300);
        int m = 96, n = 96, k = 300; // 5.5 MFLOP: enough work for two threads
        float[] a = TestData.Uniform(rng, m * k), b = TestData.Uniform(rng, k * n);
        var one = new float[m * n];
        var two = new float[m * n];
        Gemm.MatMul(a, b, one, m, k, n);
        int saved = Parallelism.IntraOpThreads;
        try
        {
            Parallelism.IntraOpThreads = 2;
            Gemm.MatMul(a, b, two, m, k, n);
        }
        finally
        {
            Parallelism.IntraOpThreads = saved;
        }

        Assert.Equal(one, two);
        Assert.Throws<ArgumentOutOfRangeException>(() => Parallelism.IntraOpThreads = 0);
    }
}
