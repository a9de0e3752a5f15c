using static TorchJit.Kernels.Tests.TestData;

namespace TorchJit.Kernels.Tests;

/// <summary>torch.where with three-way broadcasting, against a hand-indexed reference.</summary>
public sealed class BroadcastWhereTests
{
    private static readonly (int[] C, int[] X, int[] Y)[] Cases =
    [
        ([2, 1], [1, 3], []),
        ([], [4], [4]),
        ([3, 37], [37], [1]),
        ([37], [3, 37], [3, 1]),
        ([2, 1, 5], [1, 4, 1], [4, 5]),
        ([2, 3, 40], [2, 3, 40], [2, 3, 40]),
        ([1], [], []),
        ([0, 3], [3], [1]),
        ([6, 1], [6, 20], [20]),
        ([2, 1, 3, 1], [4, 1, 5], [1]),
        ([5, 9], [], [5, 9]),
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

    [Theory, MemberData(nameof(CaseData))]
    public void Where_matches_hand_indexed_reference(VectorWidth w, int c)
    {
        var (cs, xs, ys) = Cases[c];
        Check(new Random(c), cs, xs, ys, w);
        Check(new Random(c + 100), ys, cs, xs, w);
    }

    [Theory, MemberData(nameof(Widths))]
    public void Where_matches_reference_on_random_shapes(VectorWidth w)
    {
        var rng = new Random(5 + (int)w);
        for (int t = 0; t < 120; t++)
        {
            int rank = rng.Next(0, 5);
            var full = new int[rank];
            for (int d = 0; d < rank; d++)
            {
                full[d] = rng.Next(1, 9);
            }

            Check(rng, Thin(rng, full), Thin(rng, full), Thin(rng, full), w);
        }
    }

    public static TheoryData<VectorWidth> Widths => TestWidths.Data;

    [Fact]
    public void BroadcastShapes_of_three_names_the_shapes()
    {
        Assert.Equal([2, 3], Broadcasting.BroadcastShapes([2, 1], [1, 3], []));
        Assert.Equal([4, 2, 3], Broadcasting.BroadcastShapes([4, 1, 1], [2, 3], [1]));
        Assert.Equal([0], Broadcasting.BroadcastShapes([0], [1], []));
        var e = Assert.Throws<ArgumentException>(() => Broadcasting.BroadcastShapes([2], [3], []));
        Assert.Equal("shapes [2], [3] and [] cannot be broadcast: sizes 2, 3 and 1 at dim 0", e.Message);
        Assert.Throws<ArgumentException>(() => Broadcasting.BroadcastShapes([2, 3], [3], [4, 1, 2]));
        Assert.Throws<ArgumentException>(() => Broadcasting.BroadcastShapes([-1], [1], [1]));
    }

    [Fact]
    public void Where_rejects_inconsistent_shapes_and_lengths()
    {
        var d = new float[6];
        Assert.Throws<ArgumentException>(() => Broadcasting.Where(new bool[2], [2, 1], new float[3], [3], new float[1], [], d, [3, 2]));
        Assert.Throws<ArgumentException>(() => Broadcasting.Where(new bool[2], [2, 1], new float[4], [3], new float[1], [], d, [2, 3]));
        Assert.Throws<ArgumentException>(() => Broadcasting.Where(new bool[2], [2, 1], new float[3], [3], new float[1], [], new float[5], [2, 3]));
        Broadcasting.Where(new bool[2], [2, 1], new float[3], [3], new float[1], [], d, [2, 3]);
    }

    [Fact]
    public void New_drivers_do_not_allocate()
    {
        bool[] cond = new bool[6], mask = new bool[64];
        float[] x = new float[3], y = new float[2], d = new float[6], big = new float[64], bigOut = new float[64];
        var src = new float[12];

        // Shapes live in arrays: collection-expression arguments may allocate at the call site.
        int[] s23 = [2, 3], s3 = [3], s21 = [2, 1], s32 = [3, 2], st42 = [4, 2];
        void Run()
        {
            Broadcasting.Where(cond, s23, x, s3, y, s21, d, s23);
            Broadcasting.CopyStrided(src, 1, s32, st42, d);
            Elementwise.Clamp(big, -1f, 1f, bigOut);
            Elementwise.Where(mask, big, big, bigOut);
            Elementwise.Unary<ExpOperator>(big, bigOut);
            Elementwise.Binary<PowOperator>(big, big, bigOut);
        }

        Run(); // JIT and static initialization may allocate once
        long before = GC.GetAllocatedBytesForCurrentThread();
        Run();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static void Check(Random rng, int[] cs, int[] xs, int[] ys, VectorWidth w)
    {
        int[] os = Broadcasting.BroadcastShapes(cs, xs, ys);
        int nc = (int)Broadcasting.NumElements(cs), nx = (int)Broadcasting.NumElements(xs);
        int ny = (int)Broadcasting.NumElements(ys), no = (int)Broadcasting.NumElements(os);
        bool[] cond = ElementwiseClampWhereTests.RandomBools(rng, nc);
        float[] x = Floats(rng, nx), y = Floats(rng, ny);
        float[] d = Guarded(no, Sentinel);
        if (TestWidths.IsEmulated(w))
        {
            Broadcasting.WhereAt(cond, cs, x, xs, y, ys, d.AsSpan(0, no), os, w);
        }
        else
        {
            Broadcasting.Where(cond, cs, x, xs, y, ys, d.AsSpan(0, no), os, w);
        }

        string name = $"where({Broadcasting.Format(cs)}, {Broadcasting.Format(xs)}, {Broadcasting.Format(ys)}) at {w}";
        AssertGuardIntact(d, no, Sentinel, name);
        var index = new int[os.Length];
        for (int o = 0; o < no; o++)
        {
            int rest = o;
            for (int k = os.Length - 1; k >= 0; k--)
            {
                index[k] = rest % os[k];
                rest /= os[k];
            }

            float e = cond[OperatorTests.Ravel(index, cs)] ? x[OperatorTests.Ravel(index, xs)] : y[OperatorTests.Ravel(index, ys)];
            if (!SameBits(e, d[o]))
            {
                FailBits(e, d[o], $"{name} at {o}");
            }
        }
    }

    // Drops a random leading prefix and sets random dims to 1, so the shapes still broadcast to `full`.
    private static int[] Thin(Random rng, int[] full)
    {
        int drop = rng.Next(0, full.Length + 1) / 2;
        int[] s = full[drop..];
        for (int k = 0; k < s.Length; k++)
        {
            if (rng.Next(3) == 0)
            {
                s[k] = 1;
            }
        }

        return s;
    }
}
