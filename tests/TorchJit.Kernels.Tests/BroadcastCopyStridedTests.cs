namespace TorchJit.Kernels.Tests;

/// <summary>CopyStrided on transposed, sliced, expanded and flipped views of rank 0..4, against index-by-hand.</summary>
public sealed class BroadcastCopyStridedTests
{
    [Fact]
    public void Copies_views_of_rank_0_to_4_like_the_reference()
    {
        var rng = new Random(17);
        for (int t = 0; t < 400; t++)
        {
            int rank = t % 5;
            var shape = new int[rank];
            for (int d = 0; d < rank; d++)
            {
                shape[d] = rng.Next(0, 8) == 0 ? 1 : rng.Next(1, 7) + (rng.Next(6) == 0 ? 30 : 0);
            }

            // Strides of a contiguous base, then transpose (permute), slice (step) or expand (stride 0) dims.
            var strides = new int[rank];
            int step = 1;
            for (int d = rank - 1; d >= 0; d--)
            {
                strides[d] = step * (rng.Next(4) == 0 ? 2 : 1);
                step = strides[d] * shape[d] + rng.Next(0, 3);
            }

            for (int d = 0; d < rank; d++)
            {
                int e = rng.Next(rank);
                (shape[d], shape[e]) = (shape[e], shape[d]);
                (strides[d], strides[e]) = (strides[e], strides[d]);
                if (rng.Next(5) == 0)
                {
                    strides[d] = 0;
                }
            }

            int offset = rng.Next(0, 5), reach = offset;
            for (int d = 0; d < rank; d++)
            {
                reach += (shape[d] - 1) * strides[d];
            }

            float[] source = TestData.Uniform(rng, reach + 1 + rng.Next(0, 3), 100f);
            CheckAll(source, offset, shape, strides);
        }
    }

    [Fact]
    public void Handles_transpose_slice_expand_flip_and_empty()
    {
        float[] m = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]; // a contiguous [3, 4]
        CheckAll(m, 0, [4, 3], [1, 4]);            // transpose
        CheckAll(m, 1, [3, 2], [4, 2]);            // m[:, 1::2]
        CheckAll(m, 4, [3, 4], [0, 1]);            // m[1] expanded to [3, 4]
        CheckAll(m, 11, [3, 4], [-4, -1]);         // flipped both ways
        CheckAll(m, 5, [], []);                    // rank 0
        CheckAll(m, 0, [2, 0, 3], [6, 3, 1]);      // empty
        CheckAll(m, 0, [1, 1, 12], [12, 12, 1]);   // contiguous: one run
        CheckAll(m, 0, [2, 3, 2], [6, 2, 1]);      // [2, 3, 2] view of [2, 6]: dims merge
        var e = new float[12];
        Broadcasting.CopyStrided(m, 0, [2, 3, 2], [6, 2, 1], e);
        Assert.Equal(m, e);
    }

    [Fact]
    public void Copies_int64_and_bool_views()
    {
        long[] l = [10, 11, 12, 13, 14, 15];
        var ld = new long[6];
        Broadcasting.CopyStrided<long>(l, 0, [3, 2], [1, 3], ld);
        Assert.Equal([10L, 13, 11, 14, 12, 15], ld);
        bool[] b = [true, false, false];
        var bd = new bool[6];
        Broadcasting.CopyStrided<bool>(b, 0, [2, 3], [0, 1], bd);
        Assert.Equal([true, false, false, true, false, false], bd);
    }

    [Fact]
    public void Rejects_views_outside_the_source_and_bad_ranks()
    {
        var s = new float[6];
        Assert.Throws<ArgumentException>(() => Broadcasting.CopyStrided(s, 0, [2, 3], [3], new float[6]));
        Assert.Throws<ArgumentException>(() => Broadcasting.CopyStrided(s, 1, [2, 3], [3, 1], new float[6]));
        Assert.Throws<ArgumentException>(() => Broadcasting.CopyStrided(s, 0, [2, 3], [3, 1], new float[5]));
        Assert.Throws<ArgumentException>(() => Broadcasting.CopyStrided(s, 0, [2, 3], [-3, 1], new float[6]));
        Assert.Throws<ArgumentException>(() => Broadcasting.CopyStrided(s, 0, [2, -3], [3, 1], new float[6]));
        Assert.Throws<ArgumentException>(() => Broadcasting.CopyStrided(s, 6, [], [], new float[1]));
    }

    private static void CheckAll(float[] source, int offset, int[] shape, int[] strides)
    {
        int n = (int)Broadcasting.NumElements(shape);
        float[] d = TestData.Guarded(n, TestData.Sentinel);
        Broadcasting.CopyStrided(source, offset, shape, strides, d.AsSpan(0, n));
        string name = $"offset {offset} shape {Broadcasting.Format(shape)} strides {Broadcasting.Format(strides)}";
        TestData.AssertGuardIntact(d, n, TestData.Sentinel, name);
        var index = new int[shape.Length];
        for (int o = 0; o < n; o++)
        {
            int rest = o, s = offset;
            for (int k = shape.Length - 1; k >= 0; k--)
            {
                index[k] = rest % shape[k];
                rest /= shape[k];
                s += index[k] * strides[k];
            }

            Assert.True(source[s] == d[o], $"{name} at {o}: expected {source[s]}, got {d[o]}");
        }
    }
}
