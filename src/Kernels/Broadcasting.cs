using System.Text;

namespace TorchJit.Kernels;

/// <summary>
/// PyTorch broadcasting: shapes are aligned at the right; each pair of sizes must be equal or one of them 1,
/// and a missing leading dimension counts as 1. The drivers read contiguous row-major inputs.
/// </summary>
public static partial class Broadcasting
{
    /// <summary>
    /// The broadcast shape of <paramref name="a"/> and <paramref name="b"/>, e.g. [4, 1, 3] and [2, 3] give [4, 2, 3].
    /// </summary>
    /// <exception cref="ArgumentException">
    /// A size is negative, or two aligned sizes differ and neither is 1
    /// ("shapes [2, 3] and [4] cannot be broadcast: size 3 vs 4 at dim 1"; dim counts in the result).
    /// </exception>
    public static int[] BroadcastShapes(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        int rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (int d = 0; d < rank; d++)
        {
            int sa = SizeAt(a, d, rank), sb = SizeAt(b, d, rank);
            if (sa < 0 || sb < 0)
            {
                throw new ArgumentException($"shapes {Format(a)} and {Format(b)} have a negative size");
            }

            if (sa != sb && sa != 1 && sb != 1)
            {
                throw Mismatch(a, b, sa, sb, d);
            }

            result[d] = sa == 1 ? sb : sa;
        }

        return result;
    }

    /// <summary>Number of elements of a tensor of <paramref name="shape"/>: the product of the sizes, 1 for rank 0.</summary>
    /// <exception cref="ArgumentException">A size is negative.</exception>
    public static long NumElements(ReadOnlySpan<int> shape)
    {
        long count = 1;
        foreach (int size in shape)
        {
            if (size < 0)
            {
                throw new ArgumentException($"shape {Format(shape)} has a negative size");
            }

            count *= size;
        }

        return count;
    }

    /// <summary>"[2, 3]"; "[]" for rank 0.</summary>
    internal static string Format(ReadOnlySpan<int> shape)
    {
        var sb = new StringBuilder("[");
        for (int d = 0; d < shape.Length; d++)
        {
            sb.Append(d == 0 ? string.Empty : ", ").Append(shape[d]);
        }

        return sb.Append(']').ToString();
    }

    /// <summary>Size of <paramref name="shape"/> at result dim <paramref name="d"/> of a rank-<paramref name="rank"/> broadcast (1 where the shape has no such dim).</summary>
    private static int SizeAt(ReadOnlySpan<int> shape, int d, int rank)
    {
        int own = d - (rank - shape.Length);
        return own < 0 ? 1 : shape[own];
    }

    private static ArgumentException Mismatch(ReadOnlySpan<int> a, ReadOnlySpan<int> b, int sa, int sb, int d) =>
        new($"shapes {Format(a)} and {Format(b)} cannot be broadcast: size {sa} vs {sb} at dim {d}");
}
