namespace TorchJit;

/// <summary>
/// Gathers a strided view into a dense row-major array: what <c>contiguous()</c> does for transposed,
/// sliced or expanded views. The innermost dimension is copied in a tight loop.
/// </summary>
internal static class StridedCopy
{
    public static void Copy<T>(T[] source, int offset, ReadOnlySpan<int> shape, ReadOnlySpan<int> strides, Span<T> dest)
    {
        int rank = shape.Length;
        if (rank == 0)
        {
            if (dest.Length > 0) dest[0] = source[offset];
            return;
        }

        foreach (int s in shape)
            if (s == 0) return;
        Span<int> index = stackalloc int[rank];
        int inner = shape[rank - 1], innerStride = strides[rank - 1];
        int written = 0, position = offset;
        while (true)
        {
            for (int i = 0, p = position; i < inner; i++, p += innerStride) dest[written + i] = source[p];
            written += inner;
            int d = rank - 2;
            for (; d >= 0; d--)
            {
                position += strides[d];
                if (++index[d] < shape[d]) break;
                position -= strides[d] * shape[d];
                index[d] = 0;
            }

            if (d < 0) return;
        }
    }
}
