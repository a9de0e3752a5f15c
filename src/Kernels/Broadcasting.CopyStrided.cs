namespace TorchJit.Kernels;

/// <summary>Strided views to contiguous memory (what <c>Tensor.contiguous()</c> does for transposed, sliced or expanded views).</summary>
/// <remarks>
/// Note [Strided copy]: dims of size 1 are dropped and a dim is merged into the next inner one when its stride
/// is that dim's stride times its size (a contiguous [2, 3, 4] view becomes one run of 24). The innermost run
/// is then a block copy when its stride is 1 and a fill when it is 0 (an expanded dim), both vectorized by
/// the runtime; any other stride (a transpose) is gathered element by element. An odometer walks the outer
/// dims. Strides may be negative (a flipped view); every index the view reaches must lie in the source.
/// </remarks>
public static partial class Broadcasting
{
    /// <summary>
    /// dest[i] = source[offset + sum_d index_d(i) * strides[d]], with i enumerating <paramref name="shape"/> in
    /// row-major order; a rank-0 shape copies the single element at <paramref name="offset"/>.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The ranks of <paramref name="shape"/> and <paramref name="strides"/> differ, a size is negative,
    /// <paramref name="dest"/> does not hold exactly the view's elements, or the view reaches outside <paramref name="source"/>.
    /// </exception>
    public static void CopyStrided(ReadOnlySpan<float> source, int offset, ReadOnlySpan<int> shape, ReadOnlySpan<int> strides, Span<float> dest) =>
        CopyStrided<float>(source, offset, shape, strides, dest);

    /// <summary>
    /// <see cref="CopyStrided(ReadOnlySpan{float}, int, ReadOnlySpan{int}, ReadOnlySpan{int}, Span{float})"/> for
    /// any element type (int64 and bool tensors).
    /// </summary>
    /// <exception cref="ArgumentException">As for the float overload.</exception>
    public static void CopyStrided<T>(ReadOnlySpan<T> source, int offset, ReadOnlySpan<int> shape, ReadOnlySpan<int> strides, Span<T> dest)
        where T : unmanaged
    {
        ValidateView(source.Length, offset, shape, strides, dest.Length);
        int total = dest.Length;
        if (total == 0)
        {
            return;
        }

        // Coalesced dims, innermost first (Note [Strided copy]).
        int rank = shape.Length;
        Span<int> scratch = rank <= 16 ? stackalloc int[3 * 16] : new int[3 * rank];
        Span<int> size = scratch[..rank], stride = scratch.Slice(rank, rank), index = scratch.Slice(2 * rank, rank);
        int dims = 0;
        for (int d = rank - 1; d >= 0; d--)
        {
            if (shape[d] == 1)
            {
                continue;
            }

            if (dims > 0 && strides[d] == stride[dims - 1] * size[dims - 1])
            {
                size[dims - 1] *= shape[d];
            }
            else
            {
                size[dims] = shape[d];
                stride[dims] = strides[d];
                dims++;
            }
        }

        if (dims == 0)
        {
            dest[0] = source[offset];
            return;
        }

        int n = size[0], inner = stride[0];
        index[..dims].Clear();
        int o = offset;
        for (int k = 0; k < total; k += n)
        {
            Span<T> run = dest.Slice(k, n);
            if (inner == 1)
            {
                source.Slice(o, n).CopyTo(run);
            }
            else if (inner == 0)
            {
                run.Fill(source[o]);
            }
            else
            {
                for (int e = 0, s = o; e < n; e++, s += inner)
                {
                    run[e] = source[s];
                }
            }

            for (int q = 1; q < dims; q++)
            {
                o += stride[q];
                if (++index[q] < size[q])
                {
                    break;
                }

                o -= stride[q] * size[q];
                index[q] = 0;
            }
        }
    }

    private static void ValidateView(int sourceLength, int offset, ReadOnlySpan<int> shape, ReadOnlySpan<int> strides, int destLength)
    {
        if (shape.Length != strides.Length)
        {
            throw new ArgumentException($"shape {Format(shape)} and strides {Format(strides)} differ in rank");
        }

        long count = NumElements(shape);
        if (destLength != count)
        {
            throw new ArgumentException($"dest has {destLength} elements but shape {Format(shape)} has {count}", "dest");
        }

        if (count == 0)
        {
            return;
        }

        // The lowest and highest element the view touches.
        long lo = offset, hi = offset;
        for (int d = 0; d < shape.Length; d++)
        {
            long reach = (long)(shape[d] - 1) * strides[d];
            if (reach < 0)
            {
                lo += reach;
            }
            else
            {
                hi += reach;
            }
        }

        if (lo < 0 || hi >= sourceLength)
        {
            throw new ArgumentException(
                $"view (offset {offset}, shape {Format(shape)}, strides {Format(strides)}) reaches elements {lo}..{hi} of a source of {sourceLength}");
        }
    }
}
