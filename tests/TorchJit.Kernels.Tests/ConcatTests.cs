namespace TorchJit.Kernels.Tests;

public sealed class ConcatTests
{
    [Fact]
    public void Cat_of_floats_along_the_middle_axis_interleaves_rows()
    {
        // a [2, 1, 2], b [2, 2, 2] along axis 1 -> [2, 3, 2].
        float[] a = [1, 2, 3, 4];
        float[] b = [10, 11, 12, 13, 20, 21, 22, 23];
        var d = TestData.Guarded(12, TestData.Sentinel);
        Concat.Cat<float>([1, 2], 2, 2, [a, b], d.AsSpan(0, 12));
        Assert.Equal([1f, 2, 10, 11, 12, 13, 3, 4, 20, 21, 22, 23], d[..12]);
        TestData.AssertGuardIntact(d, 12, TestData.Sentinel, "cat");
    }

    [Fact]
    public void Cat_of_longs_and_bools_and_along_axis_zero()
    {
        var longs = new long[5];
        Concat.Cat<long>([2, 3], 1, 1, [new long[] { 1, 2 }, new long[] { 3, 4, 5 }], longs);
        Assert.Equal([1L, 2, 3, 4, 5], longs);

        var bools = new bool[6];
        Concat.Cat<bool>([1, 1], 3, 1, [new[] { true, false, true }, new[] { false, true, true }], bools);
        Assert.Equal([true, false, false, true, true, true], bools);
    }

    [Fact]
    public void Cat_skips_empty_pieces_and_accepts_an_empty_result()
    {
        float[] a = [1, 2, 3, 4];
        var d = new float[4];
        Concat.Cat<float>([0, 2, 0], 2, 1, [Array.Empty<float>(), a, ReadOnlyMemory<float>.Empty], d);
        Assert.Equal(a, d);

        Concat.Cat<float>([0, 0], 3, 4, [Array.Empty<float>(), Array.Empty<float>()], Span<float>.Empty);
        Concat.Cat<float>([2, 1], 0, 4, [Array.Empty<float>(), Array.Empty<float>()], Span<float>.Empty);
        Concat.Cat<float>([], 5, 5, [], Span<float>.Empty);
    }

    [Fact]
    public void Cat_matches_a_reference_over_random_shapes()
    {
        var rng = new Random(60);
        for (int t = 0; t < 50; t++)
        {
            int outer = rng.Next(0, 4), inner = rng.Next(0, 5), pieces = rng.Next(0, 5);
            var sizes = new int[pieces];
            var inputs = new ReadOnlyMemory<float>[pieces];
            int total = 0;
            for (int i = 0; i < pieces; i++)
            {
                sizes[i] = rng.Next(0, 4);
                inputs[i] = TestData.Uniform(rng, outer * sizes[i] * inner);
                total += sizes[i];
            }

            var d = new float[outer * total * inner];
            Concat.Cat<float>(sizes, outer, inner, inputs, d);
            for (int o = 0; o < outer; o++)
            {
                int a = 0;
                for (int i = 0; i < pieces; i++)
                {
                    for (int k = 0; k < sizes[i]; k++, a++)
                    {
                        for (int j = 0; j < inner; j++)
                        {
                            Assert.Equal(inputs[i].Span[(((o * sizes[i]) + k) * inner) + j], d[(((o * total) + a) * inner) + j]);
                        }
                    }
                }
            }
        }
    }

    [Fact]
    public void Cat_rejects_mismatched_shapes_naming_them()
    {
        var e = Assert.Throws<ArgumentException>(() => Concat.Cat<float>([1, 2], 2, 2, [new float[4]], new float[12]));
        Assert.Contains("1 inputs but 2 axis sizes", e.Message);
        e = Assert.Throws<ArgumentException>(() => Concat.Cat<float>([1, 2], 2, 2, [new float[4], new float[7]], new float[12]));
        Assert.Contains("input 1 has 7 elements but [2, 2, 2] needs 8", e.Message);
        e = Assert.Throws<ArgumentException>(() => Concat.Cat<float>([1, 2], 2, 2, [new float[4], new float[8]], new float[11]));
        Assert.Contains("[2, 3, 2] needs 12", e.Message);
        e = Assert.Throws<ArgumentException>(() => Concat.Cat<float>([-1], 2, 2, [new float[0]], new float[0]));
        Assert.Contains("-1", e.Message);
        Assert.Throws<ArgumentNullException>(() => Concat.Cat<float>([], 1, 1, null!, Span<float>.Empty));
    }
}
