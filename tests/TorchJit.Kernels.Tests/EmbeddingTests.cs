namespace TorchJit.Kernels.Tests;

public sealed class EmbeddingTests
{
    [Fact]
    public void Lookup_copies_the_indexed_rows_in_order_with_repeats()
    {
        float[] table = [0, 1, 10, 11, 20, 21, 30, 31];
        var y = TestData.Guarded(10, TestData.Sentinel);
        Embedding.Lookup(table, 4, 2, [3, 0, 3, 2, 1], y.AsSpan(0, 10));
        Assert.Equal([30f, 31, 0, 1, 30, 31, 20, 21, 10, 11], y[..10]);
        TestData.AssertGuardIntact(y, 10, TestData.Sentinel, "embedding");
    }

    [Fact]
    public void Lookup_handles_empty_indices_and_zero_dim()
    {
        Embedding.Lookup([1f, 2f], 1, 2, [], Span<float>.Empty);
        Embedding.Lookup([], 3, 0, [0, 2, 1], Span<float>.Empty);
    }

    [Theory]
    [InlineData(4L)]
    [InlineData(-1L)]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    public void Lookup_rejects_out_of_range_indices_naming_index_and_rows_and_writes_nothing(long bad)
    {
        float[] table = [0, 1, 10, 11, 20, 21, 30, 31];
        var y = new float[6];
        Array.Fill(y, TestData.Sentinel);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Embedding.Lookup(table, 4, 2, [1, 2, bad], y));
        Assert.Contains($"index {bad}", e.Message);
        Assert.Contains("4 rows", e.Message);
        Assert.Equal("indices", e.ParamName);
        Assert.All(y, v => Assert.Equal(TestData.Sentinel, v));
    }

    [Fact]
    public void Lookup_rejects_mismatched_lengths()
    {
        var e = Assert.Throws<ArgumentException>(() => Embedding.Lookup(new float[7], 4, 2, [0], new float[2]));
        Assert.Contains("table has 7 elements", e.Message);
        e = Assert.Throws<ArgumentException>(() => Embedding.Lookup(new float[8], 4, 2, [0, 1], new float[2]));
        Assert.Contains("y has 2 elements", e.Message);
    }
}
