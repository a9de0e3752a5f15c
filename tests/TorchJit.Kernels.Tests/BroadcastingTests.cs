namespace TorchJit.Kernels.Tests;

public sealed class BroadcastingTests
{
    public static TheoryData<VectorWidth> Widths => TestWidths.Data;

    private static readonly (int[] X, int[] Y, int[] Out)[] Cases =
    [
        ([2, 3], [3], [2, 3]),
        ([2, 3], [2, 1], [2, 3]),
        ([4, 1, 3], [2, 3], [4, 2, 3]),
        ([], [5], [5]),
        ([1], [2, 3], [2, 3]),
        ([3, 1], [1, 4], [3, 4]),
        ([2, 0], [2, 1], [2, 0]),
        ([2, 3], [2, 3], [2, 3]),
        ([1, 3], [3], [1, 3]),
        ([], [], []),
        ([5, 1, 1], [1, 1, 7], [5, 1, 7]),
        ([3, 37], [37], [3, 37]),
        ([37, 1], [1, 37], [37, 37]),
        ([2, 3, 40], [2, 1, 40], [2, 3, 40]),
        ([2, 1, 3, 1], [4, 1, 5], [2, 4, 3, 5]),
        ([1, 1], [], [1, 1]),
        ([0], [1], [0]),
        ([6, 20], [1], [6, 20]),
    ];

    public static TheoryData<VectorWidth, int> CaseData()
    {
        var data = new TheoryData<VectorWidth, int>();
        foreach (VectorWidth w in TestWidths.All)
        {
            for (int c = 0; c < Cases.Length; c++)
            {
                data.Add(w, c);
            }
        }

        return data;
    }

    [Fact]
    public void BroadcastShapes_aligns_right_and_stretches_ones()
    {
        foreach (var (x, y, expected) in Cases)
        {
            Assert.Equal(expected, Broadcasting.BroadcastShapes(x, y));
            Assert.Equal(expected, Broadcasting.BroadcastShapes(y, x));
        }
    }

    [Fact]
    public void BroadcastShapes_names_the_mismatch()
    {
        var e = Assert.Throws<ArgumentException>(() => Broadcasting.BroadcastShapes([2, 3], [4]));
        Assert.Equal("shapes [2, 3] and [4] cannot be broadcast: size 3 vs 4 at dim 1", e.Message);
        e = Assert.Throws<ArgumentException>(() => Broadcasting.BroadcastShapes([2, 0], [3, 1]));
        Assert.Equal("shapes [2, 0] and [3, 1] cannot be broadcast: size 2 vs 3 at dim 0", e.Message);
        Assert.Throws<ArgumentException>(() => Broadcasting.BroadcastShapes([0], [5]));
    }

    [Fact]
    public void NumElements_is_the_product()
    {
        Assert.Equal(1, Broadcasting.NumElements([]));
        Assert.Equal(0, Broadcasting.NumElements([2, 0, 3]));
        Assert.Equal(24, Broadcasting.NumElements([2, 3, 4]));
        Assert.Equal(1L << 40, Broadcasting.NumElements([1 << 20, 1 << 20]));
        Assert.Throws<ArgumentException>(() => Broadcasting.NumElements([2, -1]));
    }

    [Theory, MemberData(nameof(CaseData))]
    public void Binary_matches_hand_indexed_reference(VectorWidth w, int c)
    {
        var (xs, ys, os) = Cases[c];
        var rng = new Random(c);
        CheckAll(rng, xs, ys, os, w);
        CheckAll(rng, ys, xs, os, w);
    }

    [Theory, MemberData(nameof(Widths))]
    public void Binary_matches_reference_on_random_shapes(VectorWidth w)
    {
        var rng = new Random(77 + (int)w);
        for (int t = 0; t < 150; t++)
        {
            int rank = rng.Next(0, 5);
            int[] full = new int[rank];
            for (int d = 0; d < rank; d++)
            {
                full[d] = rng.Next(1, 7);
            }

            int[] xs = Thin(rng, full), ys = Thin(rng, full);
            CheckAll(rng, xs, ys, Broadcasting.BroadcastShapes(xs, ys), w);
        }
    }

    [Fact]
    public void Drivers_reject_inconsistent_shapes_and_lengths()
    {
        float[] x = new float[6], y = new float[3];
        var d = new float[6];
        Broadcasting.Binary<AddOperator>(x, [2, 3], y, [3], d, [2, 3]);
        var e = Assert.Throws<ArgumentException>(() => Broadcasting.Binary<AddOperator>(x, [2, 3], new float[4], [4], d, [2, 3]));
        Assert.Contains("cannot be broadcast: size 3 vs 4 at dim 1", e.Message);
        Assert.Throws<ArgumentException>(() => Broadcasting.Binary<AddOperator>(x, [2, 3], y, [3], d, [3, 2]));
        Assert.Throws<ArgumentException>(() => Broadcasting.Binary<AddOperator>(x, [2, 3], y, [3], d, [1, 2, 3]));
        Assert.Throws<ArgumentException>(() => Broadcasting.Binary<AddOperator>(new float[5], [2, 3], y, [3], d, [2, 3]));
        Assert.Throws<ArgumentException>(() => Broadcasting.Compare<EqualOperator>(x, [2, 3], y, [3], new bool[5], [2, 3]));
    }

    // Drops a random leading prefix and sets random dims to 1, so the pair still broadcasts to `full`.
    private static int[] Thin(Random rng, int[] full)
    {
        int drop = rng.Next(0, full.Length + 1) / 2;
        int[] s = full[drop..];
        for (int d = 0; d < s.Length; d++)
        {
            if (rng.Next(3) == 0)
            {
                s[d] = 1;
            }
        }

        return s;
    }

    private static void CheckAll(Random rng, int[] xs, int[] ys, int[] os, VectorWidth w)
    {
        int nx = (int)Broadcasting.NumElements(xs), ny = (int)Broadcasting.NumElements(ys), no = (int)Broadcasting.NumElements(os);
        float[] x = TestData.Floats(rng, nx), y = TestData.FloatsSharing(rng, TestData.Floats(rng, ny));
        string name = $"{Broadcasting.Format(xs)} op {Broadcasting.Format(ys)} -> {Broadcasting.Format(os)} at {w}";

        float[] d = TestData.Guarded(no, TestData.Sentinel);
        Drive.BroadcastBinary<SubtractOperator>(x, xs, y, ys, d.AsSpan(0, no), os, w);
        TestData.AssertGuardIntact(d, no, TestData.Sentinel, name);
        for (int o = 0; o < no; o++)
        {
            var (ix, iy) = SourceIndices(o, xs, ys, os);
            if (!TestData.SameBits(x[ix] - y[iy], d[o]))
            {
                TestData.FailBits(x[ix] - y[iy], d[o], $"sub {name} at {o}");
            }
        }

        d = TestData.Guarded(no, TestData.Sentinel);
        Drive.BroadcastBinary<DivideOperator>(x, xs, y, ys, d.AsSpan(0, no), os, w);
        for (int o = 0; o < no; o++)
        {
            var (ix, iy) = SourceIndices(o, xs, ys, os);
            if (!TestData.SameBits(x[ix] / y[iy], d[o]))
            {
                TestData.FailBits(x[ix] / y[iy], d[o], $"div {name} at {o}");
            }
        }

        bool[] b = TestData.Guarded(no, false);
        Drive.BroadcastCompare<LessThanOperator>(x, xs, y, ys, b.AsSpan(0, no), os, w);
        TestData.AssertGuardIntact(b, no, false, name);
        for (int o = 0; o < no; o++)
        {
            var (ix, iy) = SourceIndices(o, xs, ys, os);
            if ((x[ix] < y[iy]) != b[o])
            {
                Assert.Fail($"lt {name} at {o}");
            }
        }

        b = TestData.Guarded(no, true);
        Drive.BroadcastCompare<NotEqualOperator>(x, xs, y, ys, b.AsSpan(0, no), os, w);
        for (int o = 0; o < no; o++)
        {
            var (ix, iy) = SourceIndices(o, xs, ys, os);
            if ((x[ix] != y[iy]) != b[o])
            {
                Assert.Fail($"ne {name} at {o}");
            }
        }
    }

    // Unravel the output index, then re-ravel into each input, pinning size-1 (broadcast) dims to 0.
    private static (int X, int Y) SourceIndices(int o, int[] xs, int[] ys, int[] os)
    {
        int rank = os.Length;
        var index = new int[rank];
        for (int d = rank - 1; d >= 0; d--)
        {
            index[d] = o % os[d];
            o /= os[d];
        }

        return (Ravel(index, xs), Ravel(index, ys));
    }

    private static int Ravel(int[] outIndex, int[] shape)
    {
        int offset = outIndex.Length - shape.Length, linear = 0;
        for (int d = 0; d < shape.Length; d++)
        {
            linear = (linear * shape[d]) + (shape[d] == 1 ? 0 : outIndex[d + offset]);
        }

        return linear;
    }
}
