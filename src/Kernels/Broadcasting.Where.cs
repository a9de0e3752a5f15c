using System.Runtime.InteropServices;

namespace TorchJit.Kernels;

/// <summary>Three-operand broadcasting for <c>aten::where</c>.</summary>
/// <remarks>
/// Same walk as Note [Broadcast walk], with three stride sets: size-1 dims dropped, a dim merged into the next
/// inner one when all three operands walk linearly across both, so each inner run reads every operand as a
/// span (stride 1) or a scalar (stride 0). A run whose condition is a scalar is a copy or fill of x or y; any
/// other run is one vectorized <see cref="Elementwise"/> where-loop.
/// </remarks>
public static partial class Broadcasting
{
    /// <summary>
    /// The broadcast shape of three shapes, e.g. [2, 1], [1, 3] and [] give [2, 3].
    /// </summary>
    /// <exception cref="ArgumentException">
    /// A size is negative, or two aligned sizes differ and neither is 1
    /// ("shapes [2], [3] and [] cannot be broadcast: sizes 2, 3 and 1 at dim 0").
    /// </exception>
    public static int[] BroadcastShapes(ReadOnlySpan<int> a, ReadOnlySpan<int> b, ReadOnlySpan<int> c)
    {
        int rank = Math.Max(a.Length, Math.Max(b.Length, c.Length));
        var result = new int[rank];
        for (int d = 0; d < rank; d++)
        {
            int sa = SizeAt(a, d, rank), sb = SizeAt(b, d, rank), sc = SizeAt(c, d, rank);
            if (sa < 0 || sb < 0 || sc < 0)
            {
                throw new ArgumentException($"shapes {Format(a)}, {Format(b)} and {Format(c)} have a negative size");
            }

            int size = sa != 1 ? sa : sb != 1 ? sb : sc;
            if ((sa != 1 && sa != size) || (sb != 1 && sb != size) || (sc != 1 && sc != size))
            {
                throw new ArgumentException(
                    $"shapes {Format(a)}, {Format(b)} and {Format(c)} cannot be broadcast: sizes {sa}, {sb} and {sc} at dim {d}");
            }

            result[d] = size;
        }

        return result;
    }

    /// <summary>
    /// torch.where(cond, x, y): dest = cond ? x : y with all three contiguous inputs broadcast to
    /// <paramref name="outShape"/> (which must be <see cref="BroadcastShapes(ReadOnlySpan{int}, ReadOnlySpan{int}, ReadOnlySpan{int})"/>
    /// of the three shapes).
    /// </summary>
    /// <exception cref="ArgumentException">The shapes do not broadcast to <paramref name="outShape"/>, or a span length does not match its shape.</exception>
    public static void Where(
        ReadOnlySpan<bool> cond, ReadOnlySpan<int> condShape, ReadOnlySpan<float> x, ReadOnlySpan<int> xShape,
        ReadOnlySpan<float> y, ReadOnlySpan<int> yShape, Span<float> dest, ReadOnlySpan<int> outShape,
        VectorWidth width = VectorWidth.Best) =>
        WhereAt(cond, condShape, x, xShape, y, yShape, dest, outShape, VectorWidths.Resolve(width));

    internal static void WhereAt(
        ReadOnlySpan<bool> cond, ReadOnlySpan<int> condShape, ReadOnlySpan<float> x, ReadOnlySpan<int> xShape,
        ReadOnlySpan<float> y, ReadOnlySpan<int> yShape, Span<float> dest, ReadOnlySpan<int> outShape, VectorWidth resolved)
    {
        ValidateWhereShapes(condShape, xShape, yShape, outShape);
        RequireLength("cond", cond.Length, condShape);
        RequireLength("x", x.Length, xShape);
        RequireLength("y", y.Length, yShape);
        RequireLength("dest", dest.Length, outShape);
        int total = dest.Length;
        if (total == 0)
        {
            return;
        }

        // Coalesced dims, innermost first: size[q] and the element strides cs/xs/ys[q] (0 = broadcast).
        int rank = outShape.Length;
        Span<int> scratch = rank <= 16 ? stackalloc int[5 * 16] : new int[5 * rank];
        Span<int> size = scratch[..rank], cs = scratch.Slice(rank, rank), xs = scratch.Slice(2 * rank, rank);
        Span<int> ys = scratch.Slice(3 * rank, rank), index = scratch.Slice(4 * rank, rank);
        int dims = 0, cStride = 1, xStride = 1, yStride = 1;
        for (int d = rank - 1; d >= 0; d--)
        {
            int cSize = SizeAt(condShape, d, rank), xSize = SizeAt(xShape, d, rank), ySize = SizeAt(yShape, d, rank);
            int s = outShape[d];
            int csd = cSize == 1 ? 0 : cStride, xsd = xSize == 1 ? 0 : xStride, ysd = ySize == 1 ? 0 : yStride;
            cStride *= cSize;
            xStride *= xSize;
            yStride *= ySize;
            if (s == 1)
            {
                continue;
            }

            int below = dims - 1;
            if (dims > 0 && csd == cs[below] * size[below] && xsd == xs[below] * size[below] && ysd == ys[below] * size[below])
            {
                size[below] *= s;
            }
            else
            {
                size[dims] = s;
                cs[dims] = csd;
                xs[dims] = xsd;
                ys[dims] = ysd;
                dims++;
            }
        }

        if (dims == 0)
        {
            dest[0] = cond[0] ? x[0] : y[0];
            return;
        }

        int n = size[0];
        index[..dims].Clear();
        int oc = 0, ox = 0, oy = 0;
        for (int o = 0; o < total; o += n)
        {
            WhereRun(cond, oc, cs[0], x, ox, xs[0], y, oy, ys[0], dest.Slice(o, n), resolved);
            for (int q = 1; q < dims; q++)
            {
                oc += cs[q];
                ox += xs[q];
                oy += ys[q];
                if (++index[q] < size[q])
                {
                    break;
                }

                oc -= cs[q] * size[q];
                ox -= xs[q] * size[q];
                oy -= ys[q] * size[q];
                index[q] = 0;
            }
        }
    }

    // Checks outShape against the three shapes without allocating (BroadcastShapes would build an array).
    private static void ValidateWhereShapes(ReadOnlySpan<int> condShape, ReadOnlySpan<int> xShape, ReadOnlySpan<int> yShape, ReadOnlySpan<int> outShape)
    {
        int rank = Math.Max(condShape.Length, Math.Max(xShape.Length, yShape.Length));
        bool ok = outShape.Length == rank;
        for (int d = 0; ok && d < rank; d++)
        {
            int sc = SizeAt(condShape, d, rank), sx = SizeAt(xShape, d, rank), sy = SizeAt(yShape, d, rank);
            int size = outShape[d];
            ok = size >= 0 && (sc == size || sc == 1) && (sx == size || sx == 1) && (sy == size || sy == 1)
                && (size == 1 || sc == size || sx == size || sy == size);
        }

        if (!ok)
        {
            // Let BroadcastShapes name an incompatible pair; otherwise outShape itself is wrong.
            _ = BroadcastShapes(condShape, xShape, yShape);
            throw new ArgumentException(
                $"output shape {Format(outShape)} is not the broadcast of {Format(condShape)}, {Format(xShape)} and {Format(yShape)}");
        }
    }

    // One inner run: each operand starts at its offset and has stride 1 (span) or 0 (scalar).
    private static void WhereRun(
        ReadOnlySpan<bool> cond, int oc, int sc, ReadOnlySpan<float> x, int ox, int sx, ReadOnlySpan<float> y, int oy, int sy,
        Span<float> run, VectorWidth resolved)
    {
        int n = run.Length;
        if (sc == 0)
        {
            // One condition for the whole run: it is x's run or y's run.
            bool pick = cond[oc];
            ReadOnlySpan<float> src = pick ? x : y;
            int offset = pick ? ox : oy;
            if ((pick ? sx : sy) == 1)
            {
                src.Slice(offset, n).CopyTo(run);
            }
            else
            {
                run.Fill(src[offset]);
            }

            return;
        }

        // Slicing checks bounds once for the whole run (n elements for a span, one for a scalar).
        ReadOnlySpan<bool> c = cond.Slice(oc, n);
        ref float xr = ref MemoryMarshal.GetReference(x.Slice(ox, sx == 1 ? n : 1));
        ref float yr = ref MemoryMarshal.GetReference(y.Slice(oy, sy == 1 ? n : 1));

        switch ((sx, sy))
        {
            case (1, 1): Elementwise.WhereAt<SpanOperand, SpanOperand>(c, ref xr, ref yr, run, resolved); break;
            case (1, _): Elementwise.WhereAt<SpanOperand, ScalarOperand>(c, ref xr, ref yr, run, resolved); break;
            case (_, 1): Elementwise.WhereAt<ScalarOperand, SpanOperand>(c, ref xr, ref yr, run, resolved); break;
            default: Elementwise.WhereAt<ScalarOperand, ScalarOperand>(c, ref xr, ref yr, run, resolved); break;
        }
    }
}
