namespace TorchJit.Kernels.Tests;

/// <summary>Max/min with and without indices: exact results, so everything is compared bit for bit.</summary>
public sealed class ReductionArgTests
{
    public static TheoryData<VectorWidth> Widths => TestWidths.Data;

    [Theory, MemberData(nameof(Widths))]
    public void Max_and_min_with_indices_return_the_first_occurrence_with_nan_winning(VectorWidth w)
    {
        var rng = new Random(11 + (int)w);
        foreach (Shape s in ReductionTestShapes.All())
        {
            if (s.Axis == 0)
            {
                continue;
            }

            // Small integers tie often; sprinkle NaN, +-Inf and signed zeros into half of the shapes.
            float[] x = ReductionTolerance.Ties(rng, s.Length);
            if (s.Length % 2 == 1)
            {
                float[] special = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0f, 0f];
                for (int k = 0; k < x.Length; k++)
                {
                    if (rng.Next(16) == 0)
                    {
                        x[k] = special[rng.Next(special.Length)];
                    }
                }
            }

            foreach (bool min in new[] { false, true })
            {
                float[] values = TestData.Guarded(s.OutLength, TestData.Sentinel);
                long[] indices = TestData.Guarded(s.OutLength, -7L);
                Run(min, x, s, values.AsSpan(0, s.OutLength), indices.AsSpan(0, s.OutLength), w);
                TestData.AssertGuardIntact(values, s.OutLength, TestData.Sentinel, $"{s} {w}");
                TestData.AssertGuardIntact(indices, s.OutLength, -7L, $"{s} {w}");
                for (int o = 0; o < s.Outer; o++)
                {
                    for (int i = 0; i < s.Inner; i++)
                    {
                        var (value, index) = ReductionReference.ArgMax(x, s, o, i, min);
                        int k = (o * s.Inner) + i;
                        if (index != indices[k])
                        {
                            Assert.Fail($"{(min ? "Min" : "Max")} {s} {w} ({o}, {i}): index {indices[k]}, expected {index}");
                        }

                        if (!TestData.SameBits(value, values[k]))
                        {
                            TestData.FailBits(value, values[k], $"{(min ? "Min" : "Max")} {s} {w} ({o}, {i})");
                        }
                    }
                }
            }
        }
    }

    [Theory, MemberData(nameof(Widths))]
    public void Amax_and_amin_are_ieee_maximum_and_minimum(VectorWidth w)
    {
        var rng = new Random(12 + (int)w);
        foreach (Shape s in ReductionTestShapes.All())
        {
            if (s.Axis == 0)
            {
                continue;
            }

            float[] x = ReductionTolerance.Data(rng, s.Length, specials: s.Length % 3 != 0);
            foreach (bool min in new[] { false, true })
            {
                var values = new float[s.OutLength];
                Run(min, x, s, values, default, w);
                for (int o = 0; o < s.Outer; o++)
                {
                    for (int i = 0; i < s.Inner; i++)
                    {
                        float expected = ReductionReference.Extremum(x, s, o, i, min);
                        if (!TestData.SameBits(expected, values[(o * s.Inner) + i]))
                        {
                            TestData.FailBits(expected, values[(o * s.Inner) + i], $"{(min ? "amin" : "amax")} {s} {w} ({o}, {i})");
                        }
                    }
                }
            }
        }
    }

    [Theory, MemberData(nameof(Widths))]
    public void Index_semantics_on_hand_made_rows(VectorWidth w)
    {
        float nan = float.NaN;
        float inf = float.PositiveInfinity;
        // (row, argmax, argmin) as PyTorch returns them.
        (float[] Row, long Max, long Min)[] cases =
        [
            ([1, 3, 3, 2, 3, 0, 0], 1, 5),
            ([nan, 1, nan, 5], 0, 0),
            ([1, 2, nan, 9, nan, -9], 2, 2),
            ([-inf, -inf, -inf, -inf, -inf, -inf, -inf, -inf, -inf], 0, 0),
            ([-0f, 0f, -0f, 0f], 0, 0),
            ([0f, -0f], 0, 0),
            ([nan, nan, nan, nan, nan], 0, 0),
            ([5, 4, 3, 2, 1, 1, 2, 3, 4, 5, 5, 4, 3, 2, 1, 1, 2, 3, 4, 5, 5], 0, 4),
            ([.. Repeat(1f, 40), 2f, .. Repeat(1f, 40), 2f], 40, 0),
            ([.. Repeat(1f, 63), nan, .. Repeat(2f, 10), nan], 63, 63),
            ([.. Repeat(-inf, 70), inf, .. Repeat(-inf, 5)], 70, 0),
        ];
        foreach (var (row, argMax, argMin) in cases)
        {
            var values = new float[1];
            var indices = new long[1];
            var s = new Shape(1, row.Length, 1);
            Run(false, row, s, values, indices, w);
            Assert.True(argMax == indices[0], $"argmax of [{string.Join(", ", row)}] {w}: {indices[0]}");
            Assert.True(TestData.SameBits(row[argMax], values[0]));
            Run(true, row, s, values, indices, w);
            Assert.True(argMin == indices[0], $"argmin of [{string.Join(", ", row)}] {w}: {indices[0]}");
            Assert.True(TestData.SameBits(row[argMin], values[0]));

            // The same row as a column (inner = 9 copies side by side) must agree.
            var cols = new float[row.Length * 9];
            for (int a = 0; a < row.Length; a++)
            {
                Array.Fill(cols, row[a], a * 9, 9);
            }

            var cv = new float[9];
            var ci = new long[9];
            Run(false, cols, new Shape(1, row.Length, 9), cv, ci, w);
            Assert.All(ci, v => Assert.Equal(argMax, v));
            Run(true, cols, new Shape(1, row.Length, 9), cv, ci, w);
            Assert.All(ci, v => Assert.Equal(argMin, v));
        }
    }

    [Theory, MemberData(nameof(Widths))]
    public void Long_rows_find_a_single_extremum_anywhere(VectorWidth w)
    {
        // Every position of a 1..70 element row, so each lane, unrolled set, leftover vector and tail is hit.
        for (int n = 1; n <= 70; n++)
        {
            for (int at = 0; at < n; at++)
            {
                var x = new float[n];
                Array.Fill(x, 1f);
                x[at] = 9f;
                var v = new float[1];
                var i = new long[1];
                Run(false, x, new Shape(1, n, 1), v, i, w);
                Assert.True(i[0] == at && v[0] == 9f, $"n={n} at={at} {w}: {i[0]}");
                x[at] = -9f;
                Run(true, x, new Shape(1, n, 1), v, i, w);
                Assert.True(i[0] == at && v[0] == -9f, $"n={n} at={at} {w}: {i[0]}");
            }
        }
    }

    [Fact]
    public void Empty_axis_and_bad_sizes_throw()
    {
        var e = Assert.Throws<ArgumentException>(() => AxisReductions.Max([], 2, 0, 3, new float[6], new long[6]));
        Assert.Contains("Max: cannot reduce an empty axis", e.Message);
        Assert.Throws<ArgumentException>(() => AxisReductions.Min([], 0, 0, 3, [], []));
        e = Assert.Throws<ArgumentException>(() => AxisReductions.Max(new float[6], 2, 3, 1, new float[2], new long[3]));
        Assert.Contains("indices has 3 elements but outer * inner (or empty) = 2 * 1 = 2", e.Message);
        e = Assert.Throws<ArgumentException>(() => AxisReductions.Min(new float[6], 2, 3, 1, new float[3], default));
        Assert.Contains("Min: values has 3 elements but outer * inner = 2 * 1 = 2", e.Message);
    }

    private static float[] Repeat(float value, int count)
    {
        var a = new float[count];
        Array.Fill(a, value);
        return a;
    }

    private static void Run(bool min, float[] x, Shape s, Span<float> values, Span<long> indices, VectorWidth w)
    {
        if (min)
        {
            ReductionDrive.Min(x, s, values, indices, w);
        }
        else
        {
            ReductionDrive.Max(x, s, values, indices, w);
        }
    }
}
