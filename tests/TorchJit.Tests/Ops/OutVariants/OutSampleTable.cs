namespace TorchJit.Tests.Ops.OutVariants;

/// <summary>
/// Sample arguments for every op that has an out variant, keyed by qualified name: odd sizes, broadcasting where
/// the op broadcasts, 0-dim and one-element tensors, strided (transposed) inputs, NaN and infinities in
/// elementwise inputs, and the int64 or bool inputs that take the allocating path.
/// </summary>
public static partial class OutSampleTable
{
    private static readonly Dictionary<string, Func<IEnumerable<OutSample>>> Builders = new(StringComparer.Ordinal);

    static OutSampleTable()
    {
        AddElementwise();
        AddReductions();
        AddNormalizations();
        AddLinearAlgebra();
        AddConvolutionsAndPools();
        AddAttention();
        AddConstructionAndGathering();
    }

    /// <summary>The qualified names with samples.</summary>
    public static IEnumerable<string> Names => Builders.Keys;

    /// <summary>Fresh samples for <paramref name="qualifiedName"/> (new tensors on every call), or none.</summary>
    public static IReadOnlyList<OutSample> For(string qualifiedName) =>
        Builders.TryGetValue(qualifiedName, out var build) ? build().ToList() : [];

    private static void Add(string name, Func<IEnumerable<OutSample>> build) => Builders.Add(name, build);

    // Values in [-2, 2] rounded to 0.25, so comparisons see ties; specials sprinkled in when asked.
    internal static Tensor Rand(int seed, int[] shape, bool specials = false, float low = -2, float high = 2)
    {
        var random = new Random(seed);
        long n = 1;
        foreach (int s in shape) n *= s;
        var data = new float[n];
        for (int i = 0; i < n; i++) data[i] = MathF.Round((float)(low + (random.NextDouble() * (high - low))) * 4) / 4;
        if (specials && n > 3)
        {
            data[1] = float.NaN;
            data[n / 2] = float.PositiveInfinity;
            data[n - 1] = float.NegativeInfinity;
            data[0] = -0f;
        }

        return Tensor.FromArray(data, shape);
    }

    internal static Tensor Positive(int seed, params int[] shape) => Rand(seed, shape, low: 0.25f, high: 3);

    internal static Tensor R(int seed, params int[] shape) => Rand(seed, shape);

    internal static Tensor Special(int seed, params int[] shape) => Rand(seed, shape, specials: true);

    // A transposed (non-contiguous) view whose shape is `shape`.
    internal static Tensor Strided(int seed, int rows, int cols) => Rand(seed, [cols, rows], specials: true).t();

    internal static Tensor Longs(int seed, params int[] shape)
    {
        var random = new Random(seed);
        long n = 1;
        foreach (int s in shape) n *= s;
        var data = new long[n];
        for (int i = 0; i < n; i++) data[i] = random.Next(-5, 6);
        return Tensor.FromArray(data, shape);
    }

    internal static Tensor Bools(int seed, params int[] shape)
    {
        var random = new Random(seed);
        long n = 1;
        foreach (int s in shape) n *= s;
        var data = new bool[n];
        for (int i = 0; i < n; i++) data[i] = random.Next(3) != 0;
        return Tensor.FromArray(data, shape);
    }

    internal static OutSample S(string label, params object?[] args) => new(label, args);

    internal static OutSample Allocating(string label, params object?[] args) => new(label, args, AllocationFree: false);
}
