using System.Runtime.InteropServices;
using static TorchJit.Kernels.Tests.TestData;

namespace TorchJit.Kernels.Tests;

/// <summary>Clamp and Where over lengths 0..256 at every width, against plain scalar references.</summary>
public sealed class ElementwiseClampWhereTests
{
    private const int MaxLength = 256;

    public static TheoryData<VectorWidth> Widths => TestWidths.Data;

    private static readonly (float Min, float Max)[] Bounds =
    [
        (-1f, 1f), (0f, 6f), (float.NegativeInfinity, 0.5f), (-2f, float.PositiveInfinity),
        (float.NegativeInfinity, float.PositiveInfinity), (3f, -3f), (float.NaN, 1f), (-1f, float.NaN), (0f, 0f), (-0f, 0f),
    ];

    // torch.clamp as documented: min(max(x, lo), hi) with NaN-propagating max/min (a NaN bound gives NaN,
    // lo > hi gives hi), -0 ordered below +0.
    private static float ClampReference(float x, float lo, float hi)
    {
        if (float.IsNaN(x) || float.IsNaN(lo) || float.IsNaN(hi))
        {
            return float.NaN;
        }

        float r = x < lo || (x == lo && float.IsNegative(x)) ? lo : x;
        return r > hi || (r == hi && float.IsNegative(hi) && !float.IsNegative(r)) ? hi : r;
    }

    [Theory, MemberData(nameof(Widths))]
    public void Clamp_matches_reference(VectorWidth w)
    {
        var rng = new Random(21 + (int)w);
        for (int n = 0; n <= MaxLength; n++)
        {
            float[] x = Floats(rng, n + 1);
            var (lo, hi) = Bounds[n % Bounds.Length];
            float[] d = Guarded(n, Sentinel);
            Clamp(x.AsSpan(1), lo, hi, d.AsSpan(0, n), w);
            for (int i = 0; i < n; i++)
            {
                float e = ClampReference(x[i + 1], lo, hi);
                if (!SameBits(e, d[i]))
                {
                    FailBits(e, d[i], $"clamp({Show(x[i + 1])}, {lo}, {hi}) {w} n={n} i={i}");
                }
            }

            AssertGuardIntact(d, n, Sentinel, $"clamp {w} n={n}");
        }
    }

    [Fact]
    public void Clamp_is_hardtanh_and_keeps_nan()
    {
        float[] x = [float.NaN, -5f, -1f, -0.5f, 0f, 0.5f, 1f, 5f, float.NegativeInfinity, float.PositiveInfinity];
        var d = new float[x.Length];
        Elementwise.Clamp(x, -1f, 1f, d);
        Assert.True(float.IsNaN(d[0]));
        Assert.Equal([-1f, -1f, -0.5f, 0f, 0.5f, 1f, 1f, -1f, 1f], d[1..]);
        Assert.Throws<ArgumentException>(() => Elementwise.Clamp(x, 0f, 1f, new float[3]));
    }

    [Theory, MemberData(nameof(Widths))]
    public void Where_matches_reference_in_and_out_of_place(VectorWidth w)
    {
        var rng = new Random(31 + (int)w);
        for (int n = 0; n <= MaxLength; n++)
        {
            float[] x = Floats(rng, n + 1), y = Floats(rng, n + 1);
            bool[] cond = RandomBools(rng, n + 1);
            float[] d = Guarded(n, Sentinel);
            Where(cond.AsSpan(1), x.AsSpan(1), y.AsSpan(1), d.AsSpan(0, n), w);
            for (int i = 0; i < n; i++)
            {
                float e = cond[i + 1] ? x[i + 1] : y[i + 1];
                if (!SameBits(e, d[i]))
                {
                    FailBits(e, d[i], $"where {w} n={n} i={i}");
                }
            }

            AssertGuardIntact(d, n, Sentinel, $"where {w} n={n}");

            // masked_fill in place: x = where(mask, value, x).
            float[] xCopy = (float[])x.Clone();
            float[] value = new float[n + 1];
            Array.Fill(value, -7f);
            Where(cond.AsSpan(1), value.AsSpan(1), x.AsSpan(1), x.AsSpan(1), w);
            for (int i = 0; i < n; i++)
            {
                float e = cond[i + 1] ? -7f : xCopy[i + 1];
                if (!SameBits(e, x[i + 1]))
                {
                    FailBits(e, x[i + 1], $"where in place {w} n={n} i={i}");
                }
            }
        }
    }

    [Fact]
    public void Where_treats_any_nonzero_byte_as_true_and_checks_lengths()
    {
        byte[] raw = [0, 1, 2, 255, 0, 128, 0, 7, 9];
        ReadOnlySpan<bool> cond = MemoryMarshal.Cast<byte, bool>(raw);
        float[] x = [1, 2, 3, 4, 5, 6, 7, 8, 9], y = [-1, -2, -3, -4, -5, -6, -7, -8, -9];
        var d = new float[9];
        Elementwise.Where(cond, x, y, d);
        Assert.Equal([-1f, 2, 3, 4, -5, 6, -7, 8, 9], d);
        Assert.Throws<ArgumentException>(() => Elementwise.Where(new bool[3], x, y, d));
        Assert.Throws<ArgumentException>(() => Elementwise.Where(new bool[9], x, new float[8], d));
    }

    internal static bool[] RandomBools(Random rng, int n)
    {
        var b = new bool[n];
        for (int i = 0; i < n; i++)
        {
            b[i] = rng.Next(2) == 0;
        }

        return b;
    }

    private static void Clamp(ReadOnlySpan<float> x, float lo, float hi, Span<float> d, VectorWidth w)
    {
        if (TestWidths.IsEmulated(w)) { Elementwise.ClampAt(x, lo, hi, d, w); } else { Elementwise.Clamp(x, lo, hi, d, w); }
    }

    private static void Where(ReadOnlySpan<bool> c, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> d, VectorWidth w)
    {
        if (TestWidths.IsEmulated(w))
        {
            Elementwise.WhereAt<SpanOperand, SpanOperand>(
                c, ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(y), d, w);
        }
        else
        {
            Elementwise.Where(c, x, y, d, w);
        }
    }
}
