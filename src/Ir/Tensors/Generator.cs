namespace TorchJit;

/// <summary>
/// The seeded random source behind <c>torch.rand</c> and default initialisation (xoshiro128** seeded by
/// SplitMix64), so tests and zoo models are reproducible. The streams differ from PyTorch's mt19937.
/// </summary>
public sealed class Generator
{
    private readonly Lock gate = new();
    private uint s0, s1, s2, s3;

    /// <summary>The process-wide default generator (<c>torch.manual_seed</c> reseeds it).</summary>
    public static Generator Default { get; } = new(0);

    /// <summary>A generator seeded with <paramref name="seed"/>.</summary>
    public Generator(long seed) => ManualSeed(seed);

    /// <summary>Resets the stream.</summary>
    public void ManualSeed(long seed)
    {
        lock (gate)
        {
            ulong z = (ulong)seed;
            s0 = (uint)SplitMix(ref z);
            s1 = (uint)SplitMix(ref z);
            s2 = (uint)SplitMix(ref z);
            s3 = (uint)SplitMix(ref z);
        }
    }

    /// <summary>Fills <paramref name="dest"/> with uniform floats in [low, high).</summary>
    public void FillUniform(Span<float> dest, float low = 0, float high = 1)
    {
        lock (gate)
        {
            for (int i = 0; i < dest.Length; i++)
            {
                // 24 random bits give every float in [0, 1) with a multiple of 2^-24, as PyTorch's uniform does.
                float u = (Next() >> 8) * (1.0f / (1 << 24));
                dest[i] = low + (u * (high - low));
            }
        }
    }

    /// <summary>Fills <paramref name="keep"/> with true with probability <paramref name="probability"/> (dropout masks).</summary>
    public void FillBernoulli(Span<bool> keep, double probability)
    {
        lock (gate)
        {
            for (int i = 0; i < keep.Length; i++) keep[i] = (Next() >> 8) * (1.0 / (1 << 24)) < probability;
        }
    }

    /// <summary>Fills <paramref name="dest"/> with standard normal floats (Box–Muller).</summary>
    public void FillNormal(Span<float> dest)
    {
        lock (gate)
        {
            for (int i = 0; i < dest.Length; i += 2)
            {
                double u1 = ((Next() >> 8) + 1.0) / (1 << 24);
                double u2 = (Next() >> 8) / (double)(1 << 24);
                double r = Math.Sqrt(-2 * Math.Log(u1));
                dest[i] = (float)(r * Math.Cos(2 * Math.PI * u2));
                if (i + 1 < dest.Length) dest[i + 1] = (float)(r * Math.Sin(2 * Math.PI * u2));
            }
        }
    }

    private uint Next()
    {
        uint result = BitRotate(s1 * 5, 7) * 9;
        uint t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = BitRotate(s3, 11);
        return result;
    }

    private static uint BitRotate(uint x, int k) => (x << k) | (x >> (32 - k));

    private static ulong SplitMix(ref ulong z)
    {
        ulong r = z += 0x9E3779B97F4A7C15;
        r = (r ^ (r >> 30)) * 0xBF58476D1CE4E5B9;
        r = (r ^ (r >> 27)) * 0x94D049BB133111EB;
        return r ^ (r >> 31);
    }
}
