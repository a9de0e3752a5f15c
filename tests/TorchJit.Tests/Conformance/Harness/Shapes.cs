namespace TorchJit.Tests.Conformance;

/// <summary>
/// The case generator: 1-D lengths 0..256 (every SIMD width's tails), edge shapes with 0- and 1-sized
/// dims, random odd 2-D to 4-D shapes, and broadcast partners.
/// </summary>
internal static class Shapes
{
    /// <summary>Every 1-D length from 0 to 256.</summary>
    public static IEnumerable<int[]> Lengths() => Enumerable.Range(0, 257).Select(n => new[] { n });

    /// <summary>0-dim, empty and size-1 dims in every position.</summary>
    public static readonly int[][] Edge =
    [
        [], [0], [1], [0, 3], [3, 0], [0, 0], [1, 1], [1, 7], [7, 1], [2, 0, 3], [1, 1, 1], [3, 1, 5], [5, 3, 1], [1, 0, 1, 2], [2, 3, 4, 5],
    ];

    // Odd sizes around the vector widths (4, 8, 16 floats), plus 1 and 2.
    private static readonly int[] Sizes = [1, 2, 3, 5, 7, 9, 11, 13, 15, 17, 19, 31, 33];

    /// <summary>A random shape of <paramref name="rank"/> with odd-heavy sizes and at most <paramref name="maxElements"/> elements.</summary>
    public static int[] RandomOdd(Random rng, int rank, int maxElements = 2048)
    {
        while (true)
        {
            var shape = new int[rank];
            for (int d = 0; d < rank; d++) shape[d] = Sizes[rng.Next(Sizes.Length)];
            if (RefTensor.Count(shape) <= maxElements) return shape;
        }
    }

    /// <summary>The edge shapes, then <paramref name="perRank"/> random odd shapes of each rank 2, 3 and 4.</summary>
    public static IEnumerable<int[]> Mixed(Random rng, int perRank = 4, int maxElements = 2048)
    {
        foreach (var s in Edge) yield return s;
        for (int rank = 2; rank <= 4; rank++)
            for (int i = 0; i < perRank; i++) yield return RandomOdd(rng, rank, maxElements);
    }

    /// <summary>
    /// Two shapes that broadcast to <paramref name="shape"/> or a sub-shape of it: each dim is full in both,
    /// or 1 in one of them, and one side may lose leading dims.
    /// </summary>
    public static (int[] A, int[] B) BroadcastPair(Random rng, int[] shape)
    {
        int rank = shape.Length;
        var a = new int[rank];
        var b = new int[rank];
        for (int d = 0; d < rank; d++)
        {
            int r = rng.Next(3);
            a[d] = r == 1 ? 1 : shape[d];
            b[d] = r == 2 ? 1 : shape[d];
        }

        int drop = rng.Next(rank + 1);
        return rng.Next(2) == 0 ? (a, b[drop..]) : (a[drop..], b);
    }

    /// <summary>Fixed broadcast cases worth naming: scalar with tensor, row with column, empty with size-1, 1-D with 4-D.</summary>
    public static readonly (int[] A, int[] B)[] BroadcastEdge =
    [
        ([], [3, 4]), ([3, 4], []), ([1], [5]), ([3, 1], [1, 4]), ([4], [3, 4]), ([0, 3], [1, 3]), ([3, 1], [1, 0]),
        ([0], [1]), ([2, 1, 4], [3, 1]), ([5], [2, 3, 4, 5]), ([1, 1, 1], [1]), ([2, 3, 1, 5], [1, 3, 4, 1]),
    ];
}
