using static TorchJit.torch;

namespace TorchJit.Tests.Eager;

/// <summary>matmul in every broadcasting case, against a float64 reference.</summary>
public sealed class MatMulTests
{
    public static TheoryData<int[], int[], int[]> Cases => new()
    {
        { [3], [3], [] },
        { [2, 3], [3], [2] },
        { [3], [3, 4], [4] },
        { [2, 3], [3, 4], [2, 4] },
        { [5, 2, 3], [3, 4], [5, 2, 4] },
        { [2, 3], [5, 3, 4], [5, 2, 4] },
        { [2, 1, 2, 3], [4, 3, 2], [2, 4, 2, 2] },
        { [5, 2, 3], [3], [5, 2] },
        { [3], [5, 3, 4], [5, 4] },
        { [0, 3], [3, 2], [0, 2] },
        { [2, 0], [0, 3], [2, 3] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesTheReference(int[] aShape, int[] bShape, int[] expectedShape)
    {
        manual_seed(aShape.Length * 10 + bShape.Length);
        var a = randn(aShape.Select(s => (long)s).ToArray());
        var b = randn(bShape.Select(s => (long)s).ToArray());

        var c = a.matmul(b);

        Assert.Equal(expectedShape, c.Shape.ToArray());
        var expected = Reference(a, b);
        var actual = c.ToArray();
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < actual.Length; i++) Assert.Equal(expected[i], actual[i], 1e-4);
    }

    [Fact]
    public void MismatchedInnerSizesNameBothShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => randn(2, 3).matmul(randn(4, 5)));
        Assert.Contains("Float[2, 3] @ Float[4, 5]", e.Message);
        Assert.Throws<ArgumentException>(() => randn(2, 3, 3).matmul(randn(4, 3, 3)));
    }

    [Fact]
    public void MmBmmAndAddmm()
    {
        var a = randn(2, 3);
        var b = randn(3, 4);
        var bias = randn(4);

        Assert.True(a.matmul(b).BitEquals(TorchJit.Ir.AtenOps.mm(a, b)));
        Assert.Throws<ArgumentException>(() => TorchJit.Ir.AtenOps.bmm(a, b));
        var addmm = TorchJit.Ir.AtenOps.addmm(bias, a, b, 2, 3);
        var expected = (bias * 2) + (a.matmul(b) * 3);
        Assert.True(expected.BitEquals(addmm));
    }

    [Fact]
    public void TracingMatMulRecordsOneNodeNotItsInnerViews()
    {
        var traced = Jit.Trace(new VectorMatMul(), randn(3));

        Assert.Equal(1, traced.Graph.Split("aten::").Length - 1);
        var x = randn(3);
        Assert.True(new VectorMatMul().forward(x).BitEquals(traced.forward(x)));
    }

    private sealed class VectorMatMul : nn.Module<Tensor, Tensor>
    {
        private readonly Tensor w = arange(0, 12, 1.0).reshape(3, 4);

        public VectorMatMul() : base(nameof(VectorMatMul)) { }

        public override Tensor forward(Tensor x) => x.matmul(w);
    }

    // Batched matmul by hand: broadcast batch dims, promote 1-D operands, then drop the added dims.
    private static double[] Reference(Tensor a, Tensor b)
    {
        var ash = a.Shape.ToArray();
        var bsh = b.Shape.ToArray();
        float[] av = a.ToArray(), bv = b.ToArray();
        int[] a2 = ash.Length == 1 ? [1, ash[0]] : ash;
        int[] b2 = bsh.Length == 1 ? [bsh[0], 1] : bsh;
        int m = a2[^2], k = a2[^1], n = b2[^1];
        var batch = Kernels.Broadcasting.BroadcastShapes(a2[..^2], b2[..^2]);
        long count = Kernels.Broadcasting.NumElements(batch);
        var result = new double[count * m * n];
        for (long bi = 0; bi < count; bi++)
        {
            int ai = BatchIndex(bi, batch, a2[..^2]), bj = BatchIndex(bi, batch, b2[..^2]);
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                {
                    double s = 0;
                    for (int p = 0; p < k; p++) s += (double)av[(ai * m * k) + (i * k) + p] * bv[(bj * k * n) + (p * n) + j];
                    result[(bi * m * n) + (i * n) + j] = s;
                }
        }

        return result;
    }

    private static int BatchIndex(long flat, int[] batch, int[] own)
    {
        int index = 0, stride = 1;
        for (int d = batch.Length - 1; d >= 0; d--)
        {
            int coord = (int)(flat % batch[d]);
            flat /= batch[d];
            int od = d - (batch.Length - own.Length);
            if (od >= 0)
            {
                index += (own[od] == 1 ? 0 : coord) * stride;
                stride *= own[od];
            }
        }

        return index;
    }
}
