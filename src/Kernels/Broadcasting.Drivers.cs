namespace TorchJit.Kernels;

/// <summary>Broadcasting elementwise drivers over contiguous row-major inputs.</summary>
/// <remarks>
/// Note [Broadcast walk]: fast paths first — every operand already full-size (a pure reshape, e.g. [1, 3]
/// with [3]) goes straight to <see cref="Elementwise"/>, and a single-element side uses the scalar overloads.
/// Otherwise the output dims are coalesced: size-1 dims are dropped and a dim merges into the next inner one
/// when both operands keep walking linearly across it (e.g. [4, 1, 3] + [2, 3] -> x strides (3, 0, 1),
/// y strides (0, 3, 1): nothing merges; [2, 3, 4] + [4] -> [6, 4] with y strides (0, 1)). Because the inputs
/// are contiguous, the innermost stride of each operand is 1 (it varies) or 0 (it is broadcast), so every
/// inner run is one vectorized Elementwise call: span op span, span op scalar, or scalar op span (at least
/// one operand varies along a dim of size &gt; 1); runs shorter than 4 elements are computed inline instead.
/// An odometer walks the outer dims.
/// </remarks>
public static partial class Broadcasting
{
    // Inner runs shorter than the narrowest vector run inline in the walker.
    private const int ShortRun = 4;

    /// <summary>
    /// dest = TOp(x, y) with x of shape <paramref name="xShape"/> and y of shape <paramref name="yShape"/>
    /// broadcast to <paramref name="outShape"/> (which the caller computed with <see cref="BroadcastShapes(ReadOnlySpan{int}, ReadOnlySpan{int})"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast to <paramref name="outShape"/>, or a span length does not match its shape.</exception>
    public static void Binary<TOp>(
        ReadOnlySpan<float> x, ReadOnlySpan<int> xShape, ReadOnlySpan<float> y, ReadOnlySpan<int> yShape,
        Span<float> dest, ReadOnlySpan<int> outShape, VectorWidth width = VectorWidth.Best)
        where TOp : IBinaryOperator =>
        Walk<BinaryRuns<TOp>, float>(x, xShape, y, yShape, dest, outShape, VectorWidths.Resolve(width));

    /// <summary>
    /// dest = TOp(x, y) as bools, with x and y broadcast to <paramref name="outShape"/> like
    /// <see cref="Binary{TOp}"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast to <paramref name="outShape"/>, or a span length does not match its shape.</exception>
    public static void Compare<TOp>(
        ReadOnlySpan<float> x, ReadOnlySpan<int> xShape, ReadOnlySpan<float> y, ReadOnlySpan<int> yShape,
        Span<bool> dest, ReadOnlySpan<int> outShape, VectorWidth width = VectorWidth.Best)
        where TOp : ICompareOperator =>
        Walk<CompareRuns<TOp>, bool>(x, xShape, y, yShape, dest, outShape, VectorWidths.Resolve(width));

    internal static void Walk<TRuns, TOut>(
        ReadOnlySpan<float> x, ReadOnlySpan<int> xShape, ReadOnlySpan<float> y, ReadOnlySpan<int> yShape,
        Span<TOut> dest, ReadOnlySpan<int> outShape, VectorWidth resolved)
        where TRuns : IInnerRuns<TOut>
    {
        Validate(x.Length, xShape, y.Length, yShape, dest.Length, outShape);
        int total = dest.Length;
        if (total == 0)
        {
            return;
        }

        if (x.Length == total && y.Length == total)
        {
            TRuns.SpanSpan(x, y, dest, resolved);
            return;
        }

        if (x.Length == 1 && y.Length == total)
        {
            TRuns.ScalarSpan(x[0], y, dest, resolved);
            return;
        }

        if (y.Length == 1 && x.Length == total)
        {
            TRuns.SpanScalar(x, y[0], dest, resolved);
            return;
        }

        // Coalesced dims, innermost first: size[q], and the element strides xs[q], ys[q] (0 = broadcast).
        int rank = outShape.Length;
        Span<int> scratch = rank <= 16 ? stackalloc int[4 * 16] : new int[4 * rank];
        Span<int> size = scratch[..rank], xs = scratch.Slice(rank, rank), ys = scratch.Slice(2 * rank, rank);
        Span<int> index = scratch.Slice(3 * rank, rank);
        int dims = 0, xStride = 1, yStride = 1;
        for (int d = rank - 1; d >= 0; d--)
        {
            int xSize = SizeAt(xShape, d, rank), ySize = SizeAt(yShape, d, rank);
            int s = outShape[d];
            int xsd = xSize == 1 ? 0 : xStride, ysd = ySize == 1 ? 0 : yStride;
            xStride *= xSize;
            yStride *= ySize;
            if (s == 1)
            {
                continue;
            }

            if (dims > 0 && xsd == xs[dims - 1] * size[dims - 1] && ysd == ys[dims - 1] * size[dims - 1])
            {
                size[dims - 1] *= s;
            }
            else
            {
                size[dims] = s;
                xs[dims] = xsd;
                ys[dims] = ysd;
                dims++;
            }
        }

        // dims >= 1 here: total > 1 (total == 1 took a fast path), so some output dim exceeds 1.
        int n = size[0];
        bool xVaries = xs[0] == 1, yVaries = ys[0] == 1;
        index[..dims].Clear();
        int ox = 0, oy = 0;
        for (int o = 0; o < total; o += n)
        {
            Span<TOut> run = dest.Slice(o, n);
            if (n < ShortRun)
            {
                // Too short for a vector; a driver call would cost more than the work ([1000, 3] + [3]).
                int sx = xs[0], sy = ys[0];
                for (int e = 0; e < n; e++)
                {
                    run[e] = TRuns.Invoke(x[ox + (e * sx)], y[oy + (e * sy)]);
                }
            }
            else if (xVaries && yVaries)
            {
                TRuns.SpanSpan(x.Slice(ox, n), y.Slice(oy, n), run, resolved);
            }
            else if (xVaries)
            {
                TRuns.SpanScalar(x.Slice(ox, n), y[oy], run, resolved);
            }
            else
            {
                TRuns.ScalarSpan(x[ox], y.Slice(oy, n), run, resolved);
            }

            for (int q = 1; q < dims; q++)
            {
                ox += xs[q];
                oy += ys[q];
                if (++index[q] < size[q])
                {
                    break;
                }

                ox -= xs[q] * size[q];
                oy -= ys[q] * size[q];
                index[q] = 0;
            }
        }
    }

    private static void Validate(
        int xLength, ReadOnlySpan<int> xShape, int yLength, ReadOnlySpan<int> yShape, int destLength, ReadOnlySpan<int> outShape)
    {
        int rank = Math.Max(xShape.Length, yShape.Length);
        if (outShape.Length != rank)
        {
            throw new ArgumentException(
                $"output shape {Format(outShape)} is not the broadcast of {Format(xShape)} and {Format(yShape)}");
        }

        for (int d = 0; d < rank; d++)
        {
            int sx = SizeAt(xShape, d, rank), sy = SizeAt(yShape, d, rank);
            if (sx != sy && sx != 1 && sy != 1)
            {
                throw Mismatch(xShape, yShape, sx, sy, d);
            }

            if (outShape[d] != (sx == 1 ? sy : sx))
            {
                throw new ArgumentException(
                    $"output shape {Format(outShape)} is not the broadcast of {Format(xShape)} and {Format(yShape)}");
            }
        }

        RequireLength("x", xLength, xShape);
        RequireLength("y", yLength, yShape);
        RequireLength("dest", destLength, outShape);
    }

    private static void RequireLength(string name, int length, ReadOnlySpan<int> shape)
    {
        long expected = NumElements(shape);
        if (length != expected)
        {
            throw new ArgumentException($"{name} has {length} elements but shape {Format(shape)} has {expected}", name);
        }
    }
}
