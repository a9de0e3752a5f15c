namespace TorchJit.Kernels.Tests;

/// <summary>
/// Sgemm at every width against Note [Sgemm order] bit for bit and against a double-precision reference:
/// |got - exact| &lt;= 1e-4 + 1e-4 * sqrt(k) * |exact| (the float chain's error grows about like sqrt(k) for
/// these random inputs; inputs are in [-1, 1], so 1e-4 absolute covers cancellation).
/// </summary>
public sealed class GemmSgemmTests
{
    private static readonly (float Alpha, float Beta)[] Scalings = [(1f, 0f), (1f, 1f), (-0.5f, 0.25f), (2f, 0f), (0.75f, -1f)];

    public static TheoryData<VectorWidth> Widths => TestWidths.Data;

    [Theory, MemberData(nameof(Widths))]
    public void Random_shapes_follow_the_documented_chain_and_the_double_reference(VectorWidth w)
    {
        var rng = new Random(300 + (int)w);
        for (int t = 0; t < 48; t++)
        {
            var (m, n, k) = (rng.Next(1, 68), rng.Next(1, 68), rng.Next(1, 68));
            var (alpha, beta) = Scalings[t % Scalings.Length];
            var g = new GemmCase(rng, m, n, k, transA: (t & 1) != 0, transB: (t & 2) != 0, specials: false,
                cFill: beta == 0f ? float.NaN : 0.5f);
            if (beta == 0f)
            {
                FillOutput(g, float.NaN); // beta = 0 must not read C
            }

            Run(g, alpha, beta, w);
            AssertChain(g, alpha, beta, $"{w}");
            AssertNearDouble(g, alpha, beta, $"{w}");
        }
    }

    [Theory, MemberData(nameof(Widths))]
    public void Small_blocks_split_k_rows_and_columns_without_changing_a_bit(VectorWidth w)
    {
        // Kc = 5, Mc = 12 and Nc = 2 panels make 60 x 70 x 23 cross every block boundary several times.
        GemmBlocking real = GemmBlocking.For(w);
        var tiny = real with { Kc = 5, Mc = 2 * real.Mr, Nc = 2 * real.Nr };
        var rng = new Random(400 + (int)w);
        foreach (var (m, n, k) in new[] { (60, 70, 23), (7, 3 * real.Nr + 1, 11), (1, 5 * real.Nr, 17), (13, 1, 9) })
        {
            var g = new GemmCase(rng, m, n, k, transA: rng.Next(2) == 0, transB: rng.Next(2) == 0, specials: false);
            Gemm.SgemmAt(g.TransA, g.TransB, m, n, k, 1.5f, g.A, g.Lda, g.B, g.Ldb, 1f, g.C, g.Ldc, w, threads: 1, tiny);
            AssertChain(g, 1.5f, 1f, $"{w} tiny blocks");
        }
    }

    [Theory, MemberData(nameof(Widths))]
    public void NaN_and_infinity_propagate_as_in_the_chain(VectorWidth w)
    {
        var rng = new Random(500 + (int)w);
        for (int t = 0; t < 16; t++)
        {
            var g = new GemmCase(rng, rng.Next(1, 30), rng.Next(1, 40), rng.Next(1, 40), (t & 1) != 0, (t & 2) != 0, specials: true);
            Run(g, 1f, 0f, w);
            AssertChain(g, 1f, 0f, $"{w} specials");
        }
    }

    [Fact]
    public void Every_width_gives_the_same_bits_as_the_scalar_loop()
    {
        var rng = new Random(600);
        var g = new GemmCase(rng, 37, 45, 300, transA: false, transB: true, specials: false);
        Gemm.SgemmAt(false, true, g.M, g.N, g.K, 1f, g.A, g.Lda, g.B, g.Ldb, 0f, g.C, g.Ldc, VectorWidth.Scalar, 1);
        float[] scalar = (float[])g.C.Clone();
        foreach (VectorWidth w in TestWidths.All)
        {
            Gemm.SgemmAt(false, true, g.M, g.N, g.K, 1f, g.A, g.Lda, g.B, g.Ldb, 0f, g.C, g.Ldc, w, 1);
            for (int p = 0; p < scalar.Length; p++)
            {
                if (!TestData.SameBits(scalar[p], g.C[p]))
                {
                    TestData.FailBits(scalar[p], g.C[p], $"{w} vs scalar at {p}");
                }
            }
        }
    }

    [Fact]
    public void Public_entry_point_matches_the_model()
    {
        var rng = new Random(700);
        foreach (var (m, n, k) in new[] { (1, 512, 784), (64, 10, 512), (67, 67, 67), (3, 5, 1) })
        {
            var g = new GemmCase(rng, m, n, k, transA: false, transB: true, specials: false);
            Gemm.Sgemm(g.TransA, g.TransB, m, n, k, 1f, g.A, g.Lda, g.B, g.Ldb, 0f, g.C, g.Ldc);
            AssertChain(g, 1f, 0f, "public");
            AssertNearDouble(g, 1f, 0f, "public");
        }
    }

    [Theory, MemberData(nameof(Widths))]
    public void Empty_k_scales_C_by_beta_and_beta_zero_clears_NaN(VectorWidth w)
    {
        const float G = TestData.Sentinel; // the stride gap and the tail, never written
        var c = new[] { 1f, float.NaN, G, 4f, 5f, G };
        Gemm.SgemmAt(false, false, 2, 2, 0, 1f, [], 1, [], 2, 2f, c, 3, w, 1);
        Assert.Equal(new[] { 2f, float.NaN, G, 8f, 10f, G }, c);
        Gemm.SgemmAt(false, false, 2, 2, 0, 1f, [], 1, [], 2, 0f, c, 3, w, 1);
        Assert.Equal(new[] { 0f, 0f, G, 0f, 0f, G }, c);
        Assert.Equal(0, BitConverter.SingleToInt32Bits(c[1])); // +0, not beta * NaN
    }

    [Theory, MemberData(nameof(Widths))]
    public void Alpha_zero_reads_neither_A_nor_B(VectorWidth w)
    {
        float[] a = [float.NaN, float.NaN], b = [float.PositiveInfinity, float.NaN], c = [3f, 4f];
        Gemm.SgemmAt(false, false, 1, 2, 1, 0f, a, 1, b, 2, 0.5f, c, 2, w, 1);
        Assert.Equal(new[] { 1.5f, 2f }, c);
    }

    [Fact]
    public void Zero_rows_or_columns_touch_nothing()
    {
        float[] c = [TestData.Sentinel];
        Gemm.Sgemm(false, false, 0, 5, 3, 1f, [], 3, new float[15], 5, 0f, [], 5);
        Gemm.Sgemm(false, false, 1, 0, 3, 1f, new float[3], 3, [], 1, 0f, c, 1);
        Assert.Equal(TestData.Sentinel, c[0]);
    }

    [Fact]
    public void Bad_arguments_are_rejected_naming_them()
    {
        float[] a = new float[6], b = new float[12], c = new float[8];
        Gemm.Sgemm(false, false, 2, 4, 3, 1f, a, 3, b, 4, 0f, c, 4); // valid, for contrast
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.Sgemm(false, false, 2, 4, 3, 1f, a, 2, b, 4, 0f, c, 4));
        Assert.Contains("lda = 2 is less than the row length of a (3)", e.Message);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.Sgemm(false, true, 2, 4, 3, 1f, a, 3, b, 2, 0f, c, 4));
        Assert.Contains("ldb = 2", e.Message);
        var e2 = Assert.Throws<ArgumentException>(() => Gemm.Sgemm(true, false, 2, 4, 3, 1f, a, 4, b, 4, 0f, c, 4));
        Assert.Contains("a has 6 elements but 3 rows of 2 with stride 4 need 10", e2.Message);
        e2 = Assert.Throws<ArgumentException>(() => Gemm.Sgemm(false, false, 2, 4, 3, 1f, a, 3, b, 4, 0f, new float[7], 4));
        Assert.Contains("c has 7 elements", e2.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.Sgemm(false, false, -1, 4, 3, 1f, a, 3, b, 4, 0f, c, 4));
    }

    private static void Run(GemmCase g, float alpha, float beta, VectorWidth w) =>
        Gemm.SgemmAt(g.TransA, g.TransB, g.M, g.N, g.K, alpha, g.A, g.Lda, g.B, g.Ldb, beta, g.C, g.Ldc, w, threads: 1);

    private static void FillOutput(GemmCase g, float value)
    {
        for (int i = 0; i < g.M; i++)
        {
            g.C.AsSpan(i * g.Ldc, g.N).Fill(value);
        }
    }

    internal static void AssertChain(GemmCase g, float alpha, float beta, string context)
    {
        g.AssertOnlyOutputWritten(context);
        for (int i = 0; i < g.M; i++)
        {
            ReadOnlySpan<float> a = g.RowOfA(i, out int aStep);
            for (int j = 0; j < g.N; j++)
            {
                ReadOnlySpan<float> b = g.ColumnOfB(j, out int bStep);
                float expected = GemmModel.Chain(a, aStep, b, bStep, g.K, alpha, beta, g.C0[(i * g.Ldc) + j]);
                float got = g.C[(i * g.Ldc) + j];
                if (!TestData.SameBits(expected, got))
                {
                    TestData.FailBits(expected, got, $"{context} {g.Name} alpha={alpha} beta={beta} [{i},{j}]");
                }
            }
        }
    }

    private static void AssertNearDouble(GemmCase g, float alpha, float beta, string context)
    {
        for (int i = 0; i < g.M; i++)
        {
            ReadOnlySpan<float> a = g.RowOfA(i, out int aStep);
            for (int j = 0; j < g.N; j++)
            {
                var (dot, _) = GemmModel.Dot(a, aStep, g.ColumnOfB(j, out int bStep), bStep, g.K);
                double expected = (alpha * dot) + (beta == 0f ? 0 : beta * (double)g.C0[(i * g.Ldc) + j]);
                float got = g.C[(i * g.Ldc) + j];
                if (!(Math.Abs(got - expected) <= 1e-4 + (1e-4 * Math.Sqrt(g.K) * Math.Abs(expected))))
                {
                    Assert.Fail($"{context} {g.Name} alpha={alpha} beta={beta} [{i},{j}]: expected {expected}, got {got}");
                }
            }
        }
    }
}
