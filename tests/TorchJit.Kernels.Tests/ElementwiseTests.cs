using static TorchJit.Kernels.Tests.TestData;

namespace TorchJit.Kernels.Tests;

/// <summary>
/// Every operator through every elementwise driver, lengths 0..256, every width, against plain scalar
/// reference loops written independently of the operator structs. Results must be bit-identical (NaN
/// payloads aside); inputs start at an odd offset and outputs sit in guarded buffers to catch tail bugs.
/// </summary>
public sealed class ElementwiseTests
{
    private const int MaxLength = 256;

    public static TheoryData<VectorWidth> Widths => TestWidths.Data;

    private static readonly float[] ScalarOperands = [2.5f, -3f, 0f, -0f, float.NaN, float.PositiveInfinity, float.NegativeInfinity];

    // Independent references: PyTorch semantics spelled out case by case.
    private static float ReluReference(float v) => float.IsNaN(v) ? v : v > 0 ? v : v == 0 ? v : 0f;

    private static float NegReference(float v) => BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(v) ^ int.MinValue);

    [Theory, MemberData(nameof(Widths))]
    public void Relu_matches_reference(VectorWidth w) => CheckUnary<ReluOperator>(ReluReference, w);

    [Theory, MemberData(nameof(Widths))]
    public void Negate_matches_reference(VectorWidth w) => CheckUnary<NegateOperator>(NegReference, w);

    [Theory, MemberData(nameof(Widths))]
    public void Add_matches_reference(VectorWidth w) => CheckBinary<AddOperator>((a, b) => a + b, w);

    [Theory, MemberData(nameof(Widths))]
    public void Subtract_matches_reference(VectorWidth w) => CheckBinary<SubtractOperator>((a, b) => a - b, w);

    [Theory, MemberData(nameof(Widths))]
    public void Multiply_matches_reference(VectorWidth w) => CheckBinary<MultiplyOperator>((a, b) => a * b, w);

    [Theory, MemberData(nameof(Widths))]
    public void Divide_matches_reference(VectorWidth w) => CheckBinary<DivideOperator>((a, b) => a / b, w);

    [Theory, MemberData(nameof(Widths))]
    public void GreaterThan_matches_reference(VectorWidth w) => CheckCompare<GreaterThanOperator>((a, b) => a > b, w);

    [Theory, MemberData(nameof(Widths))]
    public void GreaterThanOrEqual_matches_reference(VectorWidth w) => CheckCompare<GreaterThanOrEqualOperator>((a, b) => a >= b, w);

    [Theory, MemberData(nameof(Widths))]
    public void LessThan_matches_reference(VectorWidth w) => CheckCompare<LessThanOperator>((a, b) => a < b, w);

    [Theory, MemberData(nameof(Widths))]
    public void LessThanOrEqual_matches_reference(VectorWidth w) => CheckCompare<LessThanOrEqualOperator>((a, b) => a <= b, w);

    [Theory, MemberData(nameof(Widths))]
    public void Equal_matches_reference(VectorWidth w) =>
        CheckCompare<EqualOperator>((a, b) => !float.IsNaN(a) && !float.IsNaN(b) && a.CompareTo(b) == 0 | (a == 0 && b == 0), w);

    [Theory, MemberData(nameof(Widths))]
    public void NotEqual_matches_reference(VectorWidth w) =>
        CheckCompare<NotEqualOperator>((a, b) => float.IsNaN(a) || float.IsNaN(b) || !(a.CompareTo(b) == 0 | (a == 0 && b == 0)), w);

    [Theory, MemberData(nameof(Widths))]
    public void Binary_in_place_on_either_input_matches_reference(VectorWidth w)
    {
        var rng = new Random(7);
        for (int n = 0; n <= MaxLength; n++)
        {
            float[] x = Floats(rng, n), y = Floats(rng, n);
            float[] xCopy = (float[])x.Clone(), yCopy = (float[])y.Clone();
            Drive.Binary<SubtractOperator>(x, y, x, w);
            Drive.Binary<SubtractOperator>(xCopy, y, y, w);
            for (int i = 0; i < n; i++)
            {
                if (!SameBits(xCopy[i] - yCopy[i], x[i]))
                {
                    FailBits(xCopy[i] - yCopy[i], x[i], $"x -= y, n={n} i={i}");
                }

                if (!SameBits(xCopy[i] - yCopy[i], y[i]))
                {
                    FailBits(xCopy[i] - yCopy[i], y[i], $"y = x - y, n={n} i={i}");
                }
            }

            float[] z = Floats(rng, n), zCopy = (float[])z.Clone();
            Drive.Unary<NegateOperator>(z, z, w);
            Drive.Binary<DivideOperator>(z, 3f, z, w);
            for (int i = 0; i < n; i++)
            {
                if (!SameBits(-zCopy[i] / 3f, z[i]))
                {
                    FailBits(-zCopy[i] / 3f, z[i], $"in-place unary/scalar, n={n} i={i}");
                }
            }
        }
    }

    [Fact]
    public void Relu_keeps_nan_and_negative_zero_like_pytorch()
    {
        float[] x = [float.NaN, -0f, 0f, -1f, float.NegativeInfinity, float.PositiveInfinity, 2f, -float.Epsilon];
        foreach (VectorWidth w in TestWidths.All)
        {
            // Pad to 37 so vector widths see these values in the body and in the overlapping tail.
            float[] padded = [.. x, .. x, .. x, .. x, -5f, -0f, float.NaN, 3f, -2f];
            var d = new float[padded.Length];
            Drive.Unary<ReluOperator>(padded, d, w);
            for (int i = 0; i < padded.Length; i++)
            {
                float v = padded[i];
                if (float.IsNaN(v)) { Assert.True(float.IsNaN(d[i]), $"relu(NaN) at {w}"); }
                else if (v == 0) { Assert.Equal(BitConverter.SingleToInt32Bits(v), BitConverter.SingleToInt32Bits(d[i])); }
                else if (v < 0) { Assert.Equal(0, BitConverter.SingleToInt32Bits(d[i])); }
                else { Assert.Equal(v, d[i]); }
            }
        }
    }

    [Fact]
    public void Mismatched_lengths_throw()
    {
        var a = new float[5];
        var b = new float[6];
        Assert.Throws<ArgumentException>(() => Elementwise.Unary<ReluOperator>(a, b));
        Assert.Throws<ArgumentException>(() => Elementwise.Binary<AddOperator>(a, b, new float[5]));
        Assert.Throws<ArgumentException>(() => Elementwise.Binary<AddOperator>(a, a, new float[6]));
        Assert.Throws<ArgumentException>(() => Elementwise.Binary<AddOperator>(a, 1f, new float[4]));
        Assert.Throws<ArgumentException>(() => Elementwise.Binary<AddOperator>(1f, a, new float[4]));
        Assert.Throws<ArgumentException>(() => Elementwise.Compare<EqualOperator>(a, b, new bool[5]));
        Assert.Throws<ArgumentException>(() => Elementwise.Compare<EqualOperator>(a, 0f, new bool[6]));
        Assert.Throws<ArgumentException>(() => Elementwise.Compare<EqualOperator>(0f, a, new bool[6]));
    }

    [Fact]
    public void Bool_spreading_matches_a_bit_loop_for_every_byte()
    {
        for (uint bits = 0; bits < 256; bits++)
        {
            ulong expected = 0;
            for (int i = 0; i < 8; i++)
            {
                expected |= (ulong)((bits >> i) & 1) << (8 * i);
            }

            Assert.Equal(expected, BoolBytes.Spread8(bits));
            Assert.Equal(expected, BoolBytes.Spread8Portable(bits));
            Assert.Equal(expected, BoolBytes.Spread8Portable(bits | 0xFFFFFF00u)); // high bits ignored
        }
    }

    private static void CheckUnary<TOp>(Func<float, float> reference, VectorWidth w)
        where TOp : IUnaryOperator
    {
        var rng = new Random(1234 + (int)w);
        for (int n = 0; n <= MaxLength; n++)
        {
            float[] x = Floats(rng, n + 1);
            float[] d = Guarded(n, Sentinel);
            Drive.Unary<TOp>(x.AsSpan(1), d.AsSpan(0, n), w);
            for (int i = 0; i < n; i++)
            {
                if (!SameBits(reference(x[i + 1]), d[i]))
                {
                    FailBits(reference(x[i + 1]), d[i], $"{typeof(TOp).Name} {w} n={n} i={i} x={Show(x[i + 1])}");
                }
            }

            AssertGuardIntact(d, n, Sentinel, $"{typeof(TOp).Name} {w} n={n}");
        }
    }

    private static void CheckBinary<TOp>(Func<float, float, float> reference, VectorWidth w)
        where TOp : IBinaryOperator
    {
        var rng = new Random(4321 + (int)w);
        for (int n = 0; n <= MaxLength; n++)
        {
            float[] x = Floats(rng, n + 1), y = Floats(rng, n + 1);
            string name = $"{typeof(TOp).Name} {w} n={n}";

            float[] d = Guarded(n, Sentinel);
            Drive.Binary<TOp>(x.AsSpan(1), y.AsSpan(1), d.AsSpan(0, n), w);
            for (int i = 0; i < n; i++)
            {
                if (!SameBits(reference(x[i + 1], y[i + 1]), d[i]))
                {
                    FailBits(reference(x[i + 1], y[i + 1]), d[i], $"{name} span/span i={i}");
                }
            }

            AssertGuardIntact(d, n, Sentinel, name);

            float s = ScalarOperands[n % ScalarOperands.Length];
            d = Guarded(n, Sentinel);
            Drive.Binary<TOp>(x.AsSpan(1), s, d.AsSpan(0, n), w);
            for (int i = 0; i < n; i++)
            {
                if (!SameBits(reference(x[i + 1], s), d[i]))
                {
                    FailBits(reference(x[i + 1], s), d[i], $"{name} span/scalar({s}) i={i}");
                }
            }

            AssertGuardIntact(d, n, Sentinel, name);

            d = Guarded(n, Sentinel);
            Drive.Binary<TOp>(s, y.AsSpan(1), d.AsSpan(0, n), w);
            for (int i = 0; i < n; i++)
            {
                if (!SameBits(reference(s, y[i + 1]), d[i]))
                {
                    FailBits(reference(s, y[i + 1]), d[i], $"{name} scalar({s})/span i={i}");
                }
            }

            AssertGuardIntact(d, n, Sentinel, name);
        }
    }

    private static void CheckCompare<TOp>(Func<float, float, bool> reference, VectorWidth w)
        where TOp : ICompareOperator
    {
        var rng = new Random(999 + (int)w);
        for (int n = 0; n <= MaxLength; n++)
        {
            float[] x = Floats(rng, n + 1);
            float[] y = FloatsSharing(rng, x);
            string name = $"{typeof(TOp).Name} {w} n={n}";

            bool[] d = Guarded(n, true);
            Array.Fill(d, false, n, d.Length - n); // guard = false, body = true: both wrong answers get caught
            Drive.Compare<TOp>(x.AsSpan(1), y.AsSpan(1), d.AsSpan(0, n), w);
            for (int i = 0; i < n; i++)
            {
                if (reference(x[i + 1], y[i + 1]) != d[i])
                {
                    Assert.Fail($"{name} span/span i={i}: {Show(x[i + 1])} vs {Show(y[i + 1])} gave {d[i]}");
                }
            }

            AssertGuardIntact(d, n, false, name);

            float s = n % 3 == 0 ? ScalarOperands[n % ScalarOperands.Length] : x[1 + (n / 2)];
            d = Guarded(n, false);
            Drive.Compare<TOp>(x.AsSpan(1), s, d.AsSpan(0, n), w);
            for (int i = 0; i < n; i++)
            {
                if (reference(x[i + 1], s) != d[i])
                {
                    Assert.Fail($"{name} span/scalar i={i}: {Show(x[i + 1])} vs {Show(s)} gave {d[i]}");
                }
            }

            AssertGuardIntact(d, n, false, name);

            d = Guarded(n, false);
            Drive.Compare<TOp>(s, y.AsSpan(1), d.AsSpan(0, n), w);
            for (int i = 0; i < n; i++)
            {
                if (reference(s, y[i + 1]) != d[i])
                {
                    Assert.Fail($"{name} scalar/span i={i}: {Show(s)} vs {Show(y[i + 1])} gave {d[i]}");
                }
            }

            AssertGuardIntact(d, n, false, name);

            // Bools must be exactly 0 or 1 bytes, or `b == true` comparisons elsewhere break.
            foreach (byte b in System.Runtime.InteropServices.MemoryMarshal.AsBytes(d.AsSpan()))
            {
                if (b > 1)
                {
                    Assert.Fail($"{name}: bool byte {b}");
                }
            }
        }
    }
}
