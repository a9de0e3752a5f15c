namespace TorchJit.Kernels.Tests;

/// <summary>PackB + the packed Sgemm: Note [Sgemm order] with bias and relu, packed == unpacked, Linear on top.</summary>
public sealed class GemmPackedTests
{
    public static TheoryData<VectorWidth> Widths => TestWidths.Data;

    [Theory, MemberData(nameof(Widths))]
    public void Packed_product_is_the_chain_plus_bias_then_relu(VectorWidth w)
    {
        var rng = new Random(800 + (int)w);
        for (int t = 0; t < 32; t++)
        {
            var (m, n, k) = (rng.Next(1, 68), rng.Next(1, 68), rng.Next(0, 68));
            bool withBias = (t & 1) != 0, relu = (t & 2) != 0;
            var g = new GemmCase(rng, m, n, k, transA: (t & 4) != 0, transB: (t & 8) != 0, specials: t % 5 == 0, cFill: float.NaN);
            float[] bias = withBias ? TestData.Uniform(rng, n) : [];
            PackedMatrix packed = Gemm.PackBAt(g.B, k, n, g.TransB, g.Ldb, w, GemmBlocking.For(w));
            Assert.Equal((k, n), (packed.K, packed.N));
            Gemm.SgemmAt(g.TransA, m, g.A, g.Lda, packed, bias, g.C, g.Ldc, relu ? Epilogue.Relu : Epilogue.None, threads: 1);
            AssertPacked(g, bias, relu, $"{w}");
        }
    }

    [Theory, MemberData(nameof(Widths))]
    public void Packed_equals_unpacked_bit_for_bit(VectorWidth w)
    {
        var rng = new Random(900 + (int)w);
        foreach (var (m, n, k) in new[] { (1, 67, 300), (2, 33, 65), (3, 50, 9), (20, 17, 64), (45, 2, 130) })
        {
            var g = new GemmCase(rng, m, n, k, transA: false, transB: true, specials: false);
            Gemm.SgemmAt(false, true, m, n, k, 1f, g.A, g.Lda, g.B, g.Ldb, 0f, g.C, g.Ldc, w, 1);
            float[] unpacked = (float[])g.C.Clone();
            PackedMatrix packed = Gemm.PackBAt(g.B, k, n, transB: true, g.Ldb, w, GemmBlocking.For(w));
            Gemm.SgemmAt(false, m, g.A, g.Lda, packed, [], g.C, g.Ldc, Epilogue.None, 1);
            for (int p = 0; p < unpacked.Length; p++)
            {
                if (!TestData.SameBits(unpacked[p], g.C[p]))
                {
                    TestData.FailBits(unpacked[p], g.C[p], $"{w} {g.Name} packed vs unpacked at {p}");
                }
            }
        }
    }

    [Theory, MemberData(nameof(Widths))]
    public void Small_k_blocks_in_the_packed_layout_keep_the_chain(VectorWidth w)
    {
        GemmBlocking real = GemmBlocking.For(w);
        var tiny = real with { Kc = 7, Mc = real.Mr, Nc = real.Nr };
        var rng = new Random(1000 + (int)w);
        var g = new GemmCase(rng, 14, (2 * real.Nr) + 3, 40, transA: true, transB: false, specials: false);
        float[] bias = TestData.Uniform(rng, g.N);
        PackedMatrix packed = Gemm.PackBAt(g.B, g.K, g.N, g.TransB, g.Ldb, w, tiny);
        Gemm.SgemmAt(true, g.M, g.A, g.Lda, packed, bias, g.C, g.Ldc, Epilogue.Relu, 1);
        AssertPacked(g, bias, relu: true, $"{w} tiny blocks");
    }

    [Fact]
    public void Relu_keeps_NaN_and_clears_negatives_after_the_bias()
    {
        // k = 1: outputs are a * b + bias exactly.
        float[] a = [1f], b = [-2f, 3f, float.NaN, float.NegativeInfinity, 1f], bias = [0f, -5f, 0f, 0f, 0.5f];
        PackedMatrix packed = Gemm.PackB(b, 1, 5, transB: false, ldb: 5);
        var c = new float[5];
        Gemm.Sgemm(false, 1, a, 1, packed, bias, c, 5, Epilogue.Relu);
        Assert.Equal(new[] { 0f, 0f, float.NaN, 0f, 1.5f }, c);
        Gemm.Sgemm(false, 1, a, 1, packed, bias, c, 5);
        Assert.Equal(new[] { -2f, -2f, float.NaN, float.NegativeInfinity, 1.5f }, c);
    }

    [Fact]
    public void Empty_k_leaves_the_bias_through_the_epilogue()
    {
        PackedMatrix packed = Gemm.PackB([], 0, 3, transB: true, ldb: 1);
        var c = new float[] { float.NaN, float.NaN, float.NaN, float.NaN, float.NaN, float.NaN };
        Gemm.Sgemm(false, 2, [], 1, packed, [1f, -2f, 3f], c, 3, Epilogue.Relu);
        Assert.Equal(new[] { 1f, 0f, 3f, 1f, 0f, 3f }, c);
        Gemm.Sgemm(false, 2, [], 1, packed, [], c, 3);
        Assert.All(c, v => Assert.Equal(0, BitConverter.SingleToInt32Bits(v)));
    }

    [Fact]
    public void Linear_from_the_packed_threshold_up_is_the_packed_product()
    {
        var rng = new Random(1100);
        int m = Gemm.LinearDotRows + 3, k = 70, n = 21;
        float[] x = TestData.Uniform(rng, m * k), weight = TestData.Uniform(rng, n * k), bias = TestData.Uniform(rng, n);
        var viaLinear = new float[m * n];
        var viaPacked = new float[m * n];
        Gemm.Linear(x, weight, bias, viaLinear, m, k, n);
        Gemm.Sgemm(false, m, x, k, Gemm.PackB(weight, k, n, transB: true, ldb: k), bias, viaPacked, n);
        Assert.Equal(viaPacked, viaLinear);
    }

    [Fact]
    public void Bad_arguments_are_rejected()
    {
        PackedMatrix packed = Gemm.PackB(new float[12], 3, 4, transB: false, ldb: 4);
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.PackB(new float[12], 3, 4, transB: true, ldb: 2));
        Assert.Throws<ArgumentException>(() => Gemm.PackB(new float[11], 3, 4, transB: false, ldb: 4));
        var e = Assert.Throws<ArgumentException>(() => Gemm.Sgemm(false, 2, new float[6], 3, packed, new float[3], new float[8], 4));
        Assert.Contains("bias has 3 elements", e.Message);
        Assert.Throws<ArgumentException>(() => Gemm.Sgemm(false, 2, new float[5], 3, packed, [], new float[8], 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.Sgemm(false, 2, new float[6], 3, packed, [], new float[8], 4, (Epilogue)7));
        Assert.Throws<ArgumentNullException>(() => Gemm.Sgemm(false, 2, new float[6], 3, null!, [], new float[8], 4));
    }

    private static void AssertPacked(GemmCase g, float[] bias, bool relu, string context)
    {
        g.AssertOnlyOutputWritten(context);
        for (int i = 0; i < g.M; i++)
        {
            ReadOnlySpan<float> a = g.RowOfA(i, out int aStep);
            for (int j = 0; j < g.N; j++)
            {
                float expected = GemmModel.Chain(a, aStep, g.ColumnOfB(j, out int bStep), bStep, g.K, 1f, 0f);
                if (bias.Length != 0)
                {
                    expected += bias[j];
                }

                expected = relu ? ReluOperator.Invoke(expected) : expected;
                float got = g.C[(i * g.Ldc) + j];
                if (!TestData.SameBits(expected, got))
                {
                    TestData.FailBits(expected, got, $"{context} {g.Name} bias={bias.Length != 0} relu={relu} [{i},{j}]");
                }
            }
        }
    }
}
