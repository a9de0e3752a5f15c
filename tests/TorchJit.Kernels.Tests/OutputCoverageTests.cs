namespace TorchJit.Kernels.Tests;

/// <summary>
/// Op outputs are allocated without zeroing (Tensor.UninitializedFloat32), so every kernel that fills one must
/// write each element, even when k is 0 or an operand broadcasts. Destinations start as NaN here: an element a
/// kernel skips stays NaN and fails the check.
/// </summary>
public sealed class OutputCoverageTests
{
    public static TheoryData<int, int, int> Sizes => new()
    {
        { 0, 0, 0 }, { 1, 0, 1 }, { 3, 0, 5 }, { 13, 0, 17 }, { 1, 7, 1 }, { 5, 9, 3 }, { 12, 33, 16 }, { 40, 20, 70 },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Linear_writes_every_output(int m, int k, int n)
    {
        var rng = new Random(m * 1000 + k * 10 + n);
        float[] x = TestData.Uniform(rng, m * k), w = TestData.Uniform(rng, n * k), bias = TestData.Uniform(rng, n);
        foreach (bool withBias in new[] { false, true })
        {
            float[] dest = Poisoned(m * n);
            Gemm.Linear(x, w, withBias ? bias : [], dest, m, k, n);
            AssertAllFinite(dest, $"Linear m={m} k={k} n={n} bias={withBias}");
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void MatMul_writes_every_output(int m, int k, int n)
    {
        var rng = new Random(m * 1000 + k * 10 + n + 1);
        float[] a = TestData.Uniform(rng, m * k), b = TestData.Uniform(rng, k * n), dest = Poisoned(m * n);
        Gemm.MatMul(a, b, dest, m, k, n);
        AssertAllFinite(dest, $"MatMul m={m} k={k} n={n}");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(257)]
    public void Elementwise_drivers_write_every_output(int length)
    {
        var rng = new Random(length);
        float[] x = TestData.Uniform(rng, length), dest = Poisoned(length);
        Elementwise.Unary<ReluOperator>(x, dest);
        AssertAllFinite(dest, $"Unary relu length {length}");

        // A broadcast row against a column: every output element comes from the driver's inner runs.
        float[] row = TestData.Uniform(rng, length), column = TestData.Uniform(rng, 3), grid = Poisoned(3 * length);
        Broadcasting.Binary<AddOperator>(row, [1, length], column, [3, 1], grid, [3, length]);
        AssertAllFinite(grid, $"Binary add [1, {length}] + [3, 1]");
    }

    private static float[] Poisoned(int length)
    {
        var values = new float[length];
        Array.Fill(values, float.NaN);
        return values;
    }

    private static void AssertAllFinite(float[] values, string what)
    {
        for (int i = 0; i < values.Length; i++)
            Assert.True(float.IsFinite(values[i]), $"{what}: element {i} was not written ({values[i]})");
    }
}
