namespace TorchJit.Tests.Ops.OutVariants;

/// <summary>Samples for reductions, normalizations, linear algebra, convolutions, pooling, attention and construction.</summary>
public static partial class OutSampleTable
{
    private static void AddReductions()
    {
        Add("aten::sum", () => [S("[7, 37]", Special(40, 7, 37), null), S("0-dim", R(41), null), S("strided", Strided(42, 3, 5), null), S("[1000]", R(43, 1000), null), Allocating("int64", Longs(44, 2, 3), null)]);
        Add("aten::sum.dim_IntList", () => DimSamples(50, nullable: true).Append(Allocating("int64", Longs(45, 2, 3), new long[] { 1 }, false, null)));
        Add("aten::mean", () => [S("[7, 37]", R(46, 7, 37), null), S("strided", Strided(47, 3, 5), null)]);
        Add("aten::mean.dim", () => DimSamples(60, nullable: true));
        Add("aten::max", () => [S("[7, 37]", Special(46, 7, 37)), S("0-dim", R(47)), S("strided", Strided(48, 3, 5))]);
        Add("aten::min", () => [S("[7, 37]", Special(49, 7, 37)), S("0-dim", R(51)), S("strided", Strided(52, 3, 5))]);
        Add("aten::amax", () => DimSamples(70, nullable: false).Select(s => s with { Args = s.Args[..3] }));
        Add("aten::amin", () => DimSamples(80, nullable: false).Select(s => s with { Args = s.Args[..3] }));
        Add("aten::softmax.int", () => SoftmaxSamples(90));
        Add("aten::log_softmax.int", () => SoftmaxSamples(100));
    }

    // (self, dim, keepdim, dtype) with every dim pattern: middle, several (gathered), trailing, all, none given.
    private static IEnumerable<OutSample> DimSamples(int seed, bool nullable)
    {
        yield return S("middle", R(seed, 4, 5, 6), new long[] { 1 }, false, null);
        yield return S("outer and inner keepdim", Special(seed + 1, 4, 5, 6), new long[] { 0, 2 }, true, null);
        yield return S("last keepdim", R(seed + 2, 3, 7), new long[] { -1 }, true, null);
        yield return S("all (empty list)", R(seed + 3, 3, 7), Array.Empty<long>(), false, null);
        yield return S("strided", Strided(seed + 4, 6, 5), new long[] { 0 }, false, null);
        if (nullable) yield return S("all (null)", R(seed + 5, 2, 3, 4), null, true, null);
    }

    private static IEnumerable<OutSample> SoftmaxSamples(int seed)
    {
        yield return S("middle", R(seed, 4, 5, 6), 1L, null);
        yield return S("last", Special(seed + 1, 3, 37), -1L, null);
        yield return S("0-dim", R(seed + 2), 0L, null);
        yield return S("strided", Strided(seed + 3, 5, 3), 0L, null);
    }

    private static void AddNormalizations()
    {
        Add("aten::layer_norm", () =>
        [
            S("affine", R(110, 4, 6, 10), new long[] { 10 }, R(111, 10), R(112, 10), 1e-5, true),
            S("two dims, no affine", R(113, 3, 4, 5), new long[] { 4, 5 }, null, null, 1e-5, true),
            S("odd, weight only", Special(114, 2, 33), new long[] { 33 }, R(115, 33), null, 1e-3, true),
        ]);
        Add("torchjit::add_layer_norm", () =>
        [
            S("affine", R(120, 4, 6, 10), R(121, 4, 6, 10), new long[] { 10 }, R(122, 10), R(123, 10), 1e-5),
            S("odd, no affine", R(124, 3, 33), R(125, 3, 33), new long[] { 33 }, null, null, 1e-5),
            S("rows past one block", R(126, 700, 8), R(127, 700, 8), new long[] { 8 }, R(128, 8), null, 1e-5),
            Allocating("broadcast", R(129, 4, 10), R(130, 10), new long[] { 10 }, null, null, 1e-5),
        ]);
        Add("aten::batch_norm", () =>
        [
            S("4-D affine", R(140, 2, 3, 4, 5), R(141, 3), R(142, 3), R(143, 3), Positive(144, 3), false, 0.1, 1e-5, true),
            S("2-D", R(145, 4, 3), null, null, R(146, 3), Positive(147, 3), false, 0.1, 1e-5, true),
        ]);
        Add("aten::group_norm", () =>
        [
            S("4-D affine", R(150, 2, 6, 4, 5), 3L, R(151, 6), R(152, 6), 1e-5, true),
            S("3-D", R(153, 2, 4, 7), 2L, null, null, 1e-5, true),
        ]);
    }

    private static void AddLinearAlgebra()
    {
        foreach (var name in new[] { "aten::linear", "torchjit::linear_relu" })
        {
            Add(name, () =>
            [
                S("small", R(160, 5, 7), R(161, 9, 7), R(162, 9)),
                S("3-D no bias", R(163, 2, 3, 16), R(164, 20, 16), null),
                S("packed", R(165, 16, 32), R(166, 24, 32), R(167, 24)),
                S("1-D", R(168, 7), R(169, 9, 7), R(170, 9)),
                S("strided input", Strided(171, 4, 6), R(172, 3, 6), null),
            ]);
        }

        Add("torchjit::linear_activation", () => new[] { "gelu", "gelu_tanh", "silu", "sigmoid", "tanh" }.SelectMany(a => new[]
        {
            S(a + " small", R(180, 5, 7), R(181, 9, 7), R(182, 9), a),
            S(a + " packed", R(183, 16, 32), R(184, 24, 32), null, a),
        }));
        Add("aten::matmul", () =>
        [
            S("2-D", R(190, 3, 4), R(191, 4, 5)), S("vector-matrix", R(192, 4), R(193, 4, 5)), S("matrix-vector", R(194, 3, 4), R(195, 4)),
            S("dot", R(196, 4), R(197, 4)), S("broadcast batches", R(198, 2, 1, 3, 4), R(199, 3, 4, 5)), S("batched by 2-D", R(200, 5, 3, 4), R(201, 4, 6)),
            S("strided", Strided(202, 4, 6), R(203, 6, 5)), S("large", R(204, 17, 33), R(205, 33, 19)),
        ]);
        Add("aten::mm", () => [S("small", R(210, 3, 4), R(211, 4, 5)), S("large", R(212, 17, 33), R(213, 33, 19))]);
        Add("aten::bmm", () => [S("batched", R(214, 2, 3, 4), R(215, 2, 4, 5))]);
        Add("aten::addmm", () =>
        [
            S("row bias", R(216, 5), R(217, 3, 4), R(218, 4, 5), Scalar.One, Scalar.One),
            S("scaled", R(219, 3, 5), R(220, 3, 4), R(221, 4, 5), Scalar.FromDouble(0.5), Scalar.FromInt64(2)),
            S("beta 0", Special(222, 1, 5), R(223, 3, 4), R(224, 4, 5), Scalar.FromInt64(0), Scalar.One),
        ]);
    }

    private static void AddConvolutionsAndPools()
    {
        foreach (var name in new[] { "aten::conv2d", "torchjit::conv2d_relu" })
        {
            Add(name, () =>
            [
                S("3x3 padded", R(230, 2, 3, 9, 9), R(231, 4, 3, 3, 3), R(232, 4), new long[] { 1 }, new long[] { 1 }, new long[] { 1 }, 1L),
                S("grouped unbatched strided", R(233, 6, 8, 8), R(234, 6, 2, 3, 3), null, new long[] { 2, 2 }, new long[] { 0 }, new long[] { 1 }, 3L),
                S("depthwise dilated", R(235, 1, 4, 7, 7), R(236, 4, 1, 3, 3), R(237, 4), new long[] { 1 }, new long[] { 2 }, new long[] { 2 }, 4L),
                S("1x1", R(238, 2, 8, 5, 5), R(239, 16, 8, 1, 1), R(240, 16), new long[] { 1 }, new long[] { 0 }, new long[] { 1 }, 1L),
            ]);
        }

        Add("aten::max_pool2d", () =>
        [
            S("3x3 stride 2 padded", Special(250, 2, 3, 9, 9), new long[] { 3 }, new long[] { 2 }, new long[] { 1 }, new long[] { 1 }, false),
            S("unbatched ceil", R(251, 3, 8, 7), new long[] { 2, 2 }, Array.Empty<long>(), new long[] { 0 }, new long[] { 1 }, true),
        ]);
        Add("aten::avg_pool2d", () =>
        [
            S("3x3 stride 2 padded", R(252, 2, 3, 9, 9), new long[] { 3 }, new long[] { 2 }, new long[] { 1 }, false, true, null),
            S("unbatched ceil no pad count", R(253, 3, 8, 7), new long[] { 2 }, Array.Empty<long>(), new long[] { 1 }, true, false, null),
        ]);
        Add("aten::adaptive_avg_pool2d", () => [S("4x4", R(254, 2, 3, 9, 9), new long[] { 4, 4 }), S("global unbatched", R(255, 3, 7, 5), new long[] { 1, 1 })]);
    }

    private static void AddAttention()
    {
        Add("aten::scaled_dot_product_attention", () =>
        [
            S("plain", R(260, 2, 3, 5, 8), R(261, 2, 3, 7, 8), R(262, 2, 3, 7, 6), null, 0.0, false, null, false),
            S("causal", R(263, 2, 5, 8), R(264, 2, 5, 8), R(265, 2, 5, 4), null, 0.0, true, null, false),
            S("bool mask with a masked row", R(266, 2, 5, 8), R(267, 2, 7, 8), R(268, 2, 7, 6), MaskedRow(5, 7), 0.0, false, null, false),
            S("float mask broadcast, scale", R(269, 2, 3, 5, 8), R(270, 2, 3, 7, 8), R(271, 2, 3, 7, 6), R(272, 2, 1, 5, 7), 0.0, false, (double?)0.3, false),
            S("2-D", R(273, 5, 8), R(274, 7, 8), R(275, 7, 6), null, 0.0, false, null, false),
            S("broadcast batches", R(276, 2, 3, 5, 8), R(277, 1, 3, 7, 8), R(278, 3, 7, 6), null, 0.0, false, null, false),
            S("strided key", R(279, 4, 8), R(280, 8, 4).t(), R(281, 4, 3), null, 0.0, false, null, false),
        ]);
    }

    // A [rows, cols] bool mask whose row 1 is all false (the whole row masked).
    private static Tensor MaskedRow(int rows, int cols)
    {
        var mask = Bools(282, rows, cols);
        var data = mask.data<bool>();
        for (int j = 0; j < cols; j++) data[cols + j] = false;
        return Tensor.FromArray(data, rows, cols);
    }

    private static void AddConstructionAndGathering()
    {
        Add("aten::zeros", () => [S("float", new long[] { 2, 3 }, null), S("int64", new long[] { 4 }, 4L), S("bool 0-dim", Array.Empty<long>(), 11L), S("empty", new long[] { 2, 0, 3 }, null)]);
        Add("aten::clone", () => [S("contiguous", Special(290, 3, 4), null), S("strided", Strided(291, 3, 4), null), S("int64", Longs(292, 5), null), S("bool", Bools(293, 2, 2), null)]);
        Add("aten::embedding", () => [S("[2, 3] indices", R(294, 10, 4), Ids(295, 10, 2, 3), -1L, false, false), S("0-dim index", R(296, 5, 7), Ids(297, 5), -1L, false, false)]);
        Add("aten::cat", () =>
        [
            S("dim 1", new[] { R(300, 2, 3), R(301, 2, 5) }, 1L), S("dim 0", new[] { R(302, 2, 3), R(303, 4, 3), R(304, 1, 3) }, 0L),
            S("dim -1 3-D", new[] { R(305, 2, 3, 1), R(306, 2, 3, 2) }, -1L),
            Allocating("mixed dtypes", new[] { R(307, 2), Longs(308, 3) }, 0L), Allocating("strided part", new[] { Strided(309, 2, 3), R(310, 2, 3) }, 0L),
        ]);
        Add("aten::stack", () =>
        [
            S("dim 0", new[] { R(311, 2, 3), R(312, 2, 3), R(313, 2, 3) }, 0L), S("dim 2", new[] { R(314, 2, 3), R(315, 2, 3) }, 2L),
            S("dim -2", new[] { R(316, 4, 5), R(317, 4, 5) }, -2L), Allocating("int64", new[] { Longs(318, 3), Longs(319, 3) }, 0L),
        ]);
    }

    private static Tensor Ids(int seed, int rows, params int[] shape)
    {
        var random = new Random(seed);
        long n = 1;
        foreach (int s in shape) n *= s;
        var data = new long[n];
        for (int i = 0; i < n; i++) data[i] = random.Next(rows);
        return Tensor.FromArray(data, shape);
    }
}
