namespace TorchJit.Kernels.Tests;

internal static class TestData
{
    public const float Sentinel = 12345.678f;

    private static readonly float[] Specials =
        [float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0f, 0f, 1f, -1f, float.Epsilon, float.MaxValue];

    /// <summary>Mostly ordinary values, with roughly one in eight a special (NaN, ±Inf, -0, ...).</summary>
    public static float[] Floats(Random rng, int n, bool specials = true)
    {
        var a = new float[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = specials && rng.Next(8) == 0 ? Specials[rng.Next(Specials.Length)] : Ordinary(rng);
        }

        return a;
    }

    /// <summary>Like <see cref="Floats"/>, but about one in five positions copies <paramref name="other"/> so equality comparisons see true cases.</summary>
    public static float[] FloatsSharing(Random rng, float[] other)
    {
        var a = Floats(rng, other.Length);
        for (int i = 0; i < a.Length; i++)
        {
            if (rng.Next(5) == 0)
            {
                a[i] = other[i];
            }
        }

        return a;
    }

    public static float Ordinary(Random rng) => rng.Next(4) switch
    {
        0 => (float)(rng.NextDouble() * 2 - 1),
        1 => (float)((rng.NextDouble() * 2 - 1) * 1e6),
        2 => (float)((rng.NextDouble() * 2 - 1) * 1e-6),
        _ => rng.Next(-5, 6), // small integers: exact ties for comparisons
    };

    public static float[] Uniform(Random rng, int n, float scale = 1f)
    {
        var a = new float[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = (float)(rng.NextDouble() * 2 - 1) * scale;
        }

        return a;
    }

    public static bool SameBits(float a, float b) =>
        (float.IsNaN(a) && float.IsNaN(b)) || BitConverter.SingleToInt32Bits(a) == BitConverter.SingleToInt32Bits(b);

    // Callers test SameBits first so the context string is only formatted on failure.
    public static void FailBits(float expected, float actual, string context) =>
        Assert.Fail($"{context}: expected {Show(expected)}, got {Show(actual)}");

    public static string Show(float v) => $"{v:R} (0x{BitConverter.SingleToInt32Bits(v):X8})";

    /// <summary>A buffer of n + guard elements filled with the sentinel; kernels get only the first n.</summary>
    public static T[] Guarded<T>(int n, T fill, int guard = 17)
    {
        var a = new T[n + guard];
        Array.Fill(a, fill);
        return a;
    }

    public static void AssertGuardIntact<T>(T[] buffer, int n, T fill, string context)
    {
        for (int i = n; i < buffer.Length; i++)
        {
            if (!EqualityComparer<T>.Default.Equals(buffer[i], fill))
            {
                Assert.Fail($"{context}: wrote past the end at index {i}");
            }
        }
    }
}
