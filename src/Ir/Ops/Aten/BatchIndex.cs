using TorchJit.Kernels;

namespace TorchJit.Ir;

/// <summary>
/// Broadcast batch dimensions of matrix products walked without views: the batch shape is computed into a span,
/// an odometer runs over it, and each operand's matrix is found at its own (broadcast) batch index, where
/// <c>expand(...).contiguous()</c> would have copied it.
/// </summary>
internal static class BatchIndex
{
    /// <summary>The broadcast of <paramref name="a"/> and <paramref name="b"/> into <paramref name="result"/> (of the larger rank); false when they do not broadcast.</summary>
    public static bool TryBroadcast(ReadOnlySpan<int> a, ReadOnlySpan<int> b, Span<int> result)
    {
        int rank = result.Length;
        for (int d = 0; d < rank; d++)
        {
            int sa = At(a, d, rank), sb = At(b, d, rank);
            if (sa != sb && sa != 1 && sb != 1) return false;
            result[d] = sa == 1 ? sb : sa;
        }

        return true;
    }

    /// <summary>The row-major index into <paramref name="source"/> of the batch at <paramref name="index"/> of the broadcast shape (right-aligned; size-1 dims repeat).</summary>
    public static int Offset(ReadOnlySpan<int> index, ReadOnlySpan<int> source)
    {
        int shift = index.Length - source.Length, offset = 0;
        for (int d = 0; d < source.Length; d++)
            offset = (offset * source[d]) + (source[d] == 1 ? 0 : index[d + shift]);
        return offset;
    }

    /// <summary>Advances <paramref name="index"/> to the next batch of <paramref name="shape"/> in row-major order.</summary>
    public static void Next(Span<int> index, ReadOnlySpan<int> shape)
    {
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            if (++index[d] < shape[d]) return;
            index[d] = 0;
        }
    }

    /// <summary>The product of the sizes (1 for no dims).</summary>
    public static int Count(ReadOnlySpan<int> shape)
    {
        int count = 1;
        foreach (int s in shape) count *= s;
        return count;
    }

    private static int At(ReadOnlySpan<int> shape, int d, int rank)
    {
        int own = d - (rank - shape.Length);
        return own < 0 ? 1 : shape[own];
    }

    /// <summary>
    /// One product per batch position: c[i] (m x n) = a[ia] (m x k) times b[ib] (k x n), where ia and ib are the
    /// positions of <paramref name="aBatch"/> and <paramref name="bBatch"/> that position i of
    /// <paramref name="batch"/> broadcasts from. <paramref name="index"/> is scratch of <paramref name="batch"/>'s rank.
    /// </summary>
    public static void MatMul(
        ReadOnlySpan<float> a, ReadOnlySpan<int> aBatch, ReadOnlySpan<float> b, ReadOnlySpan<int> bBatch, Span<float> c,
        ReadOnlySpan<int> batch, Span<int> index, int m, int k, int n)
    {
        int count = Count(batch);
        index.Clear();
        for (int i = 0; i < count; i++, Next(index, batch))
        {
            int ia = Offset(index, aBatch), ib = Offset(index, bBatch);
            Gemm.MatMul(a.Slice(ia * m * k, m * k), b.Slice(ib * k * n, k * n), c.Slice(i * m * n, m * n), m, k, n);
        }
    }
}
