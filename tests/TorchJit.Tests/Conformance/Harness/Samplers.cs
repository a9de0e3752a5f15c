namespace TorchJit.Tests.Conformance;

/// <summary>
/// Value distributions for operands. The specials are the list: NaN, ±Inf, -0, a denormal
/// (±1e-40) and large values (±1e4); each op's reference decides what they must give.
/// </summary>
internal static class Samplers
{
    public static readonly float[] Specials = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0f, 0f, 1e-40f, -1e-40f, 1e4f, -1e4f];

    public static Func<Random, float> Normal(double scale = 1, double mean = 0) => rng => (float)(mean + (scale * Gaussian(rng)));

    public static Func<Random, float> Uniform(double low, double high) => rng => (float)(low + ((high - low) * rng.NextDouble()));

    /// <summary>Small integers as floats, so maxima tie often (first-occurrence rules get exercised).</summary>
    public static Func<Random, float> Ties(int range = 3) => rng => rng.Next(-range, range + 1);

    /// <summary><paramref name="inner"/>, with probability <paramref name="p"/> replaced by one of <paramref name="specials"/>.</summary>
    public static Func<Random, float> WithSpecials(Func<Random, float> inner, double p = 0.125, float[]? specials = null)
    {
        var pool = specials ?? Specials;
        return rng => rng.NextDouble() < p ? pool[rng.Next(pool.Length)] : inner(rng);
    }

    public static double Gaussian(Random rng)
    {
        // Box-Muller; 1 - u keeps the log argument in (0, 1].
        double u = 1 - rng.NextDouble(), v = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }
}
