using System.Runtime.InteropServices;

namespace TorchJit.Kernels;

/// <summary>
/// Reductions over the middle dimension of a contiguous float tensor viewed as [outer, axis, inner]:
/// <c>dest[o, i] = reduce over a of x[o, a, i]</c>, with dest laid out as [outer, inner]. Reducing the last
/// dimension is inner = 1; reducing dimension d of any shape is outer = prod(dims before d), inner =
/// prod(dims after d).
/// </summary>
/// <remarks>
/// When inner &gt; 1 the lanes of a vector are adjacent outputs and each walks down the axis on its own
/// (Note [Axis column order]); when inner == 1 each output is a contiguous row and the vector runs along
/// it (Note [Sum order] for sums). Outputs must not overlap the input.
/// </remarks>
public static partial class AxisReductions
{
    /// <summary>Sum over the axis; +0 when axis == 0. Order: Note [Axis column order] (inner &gt; 1) or Note [Sum order] per row (inner == 1).</summary>
    /// <exception cref="ArgumentException">A size is negative, a span length does not match, or dest overlaps x.</exception>
    public static void Sum(ReadOnlySpan<float> x, int outer, int axis, int inner, Span<float> dest, VectorWidth width = VectorWidth.Best) =>
        SumAt(x, outer, axis, inner, dest, VectorWidths.Resolve(width));

    /// <summary>Sum over the axis divided by axis (one float division per output, as PyTorch's sum().div_()); NaN when axis == 0.</summary>
    /// <exception cref="ArgumentException">A size is negative, a span length does not match, or dest overlaps x.</exception>
    public static void Mean(ReadOnlySpan<float> x, int outer, int axis, int inner, Span<float> dest, VectorWidth width = VectorWidth.Best) =>
        MeanAt(x, outer, axis, inner, dest, VectorWidths.Resolve(width));

    /// <summary>
    /// Maximum over the axis and the index of its first occurrence (PyTorch <c>max(dim)</c>: NaN counts as the
    /// maximum, and the index of the first NaN is returned). <paramref name="indices"/> may be empty
    /// (<c>amax</c>).
    /// </summary>
    /// <remarks>
    /// With indices, each value is x at its index, so a tie between -0 and +0 returns whichever comes first.
    /// Without indices the value is the IEEE 754-2019 maximum, which counts +0 above -0. Any NaN result is
    /// returned as a NaN; its payload is unspecified.
    /// </remarks>
    /// <exception cref="ArgumentException">axis == 0 (no maximum of nothing, as in PyTorch), a size is negative, a span length does not match, or an output overlaps x.</exception>
    public static void Max(
        ReadOnlySpan<float> x, int outer, int axis, int inner, Span<float> values, Span<long> indices, VectorWidth width = VectorWidth.Best) =>
        ExtremumAt<MaxFold, ArgMaxRule>("Max", x, outer, axis, inner, values, indices, VectorWidths.Resolve(width));

    /// <summary>Minimum over the axis and the index of its first occurrence; the mirror image of <see cref="Max"/>.</summary>
    /// <exception cref="ArgumentException">axis == 0, a size is negative, a span length does not match, or an output overlaps x.</exception>
    public static void Min(
        ReadOnlySpan<float> x, int outer, int axis, int inner, Span<float> values, Span<long> indices, VectorWidth width = VectorWidth.Best) =>
        ExtremumAt<MinFold, ArgMinRule>("Min", x, outer, axis, inner, values, indices, VectorWidths.Resolve(width));

    /// <summary>
    /// Variance over the axis with Bessel's correction <paramref name="correction"/> (PyTorch's default is 1):
    /// m2 / max(axis - correction, 0), so a zero divisor gives +inf, or NaN when m2 == 0 (PyTorch's
    /// WelfordOps::project). m2 comes from a corrected two-pass algorithm, see Note [Two-pass variance].
    /// </summary>
    /// <exception cref="ArgumentException">A size is negative, a span length does not match, or dest overlaps x.</exception>
    public static void Var(
        ReadOnlySpan<float> x, int outer, int axis, int inner, double correction, Span<float> dest, VectorWidth width = VectorWidth.Best) =>
        MomentAt("Var", x, outer, axis, inner, correction, takeSqrt: false, dest, VectorWidths.Resolve(width));

    /// <summary>Square root of <see cref="Var"/>, taken in double before rounding to float.</summary>
    /// <exception cref="ArgumentException">A size is negative, a span length does not match, or dest overlaps x.</exception>
    public static void Std(
        ReadOnlySpan<float> x, int outer, int axis, int inner, double correction, Span<float> dest, VectorWidth width = VectorWidth.Best) =>
        MomentAt("Std", x, outer, axis, inner, correction, takeSqrt: true, dest, VectorWidths.Resolve(width));

    internal static void SumAt(ReadOnlySpan<float> x, int outer, int axis, int inner, Span<float> dest, VectorWidth resolved)
    {
        Require("Sum", x, outer, axis, inner, dest);
        if (axis == 0)
        {
            dest.Clear();
            return;
        }

        if (inner == 1)
        {
            for (int o = 0; o < outer; o++)
            {
                dest[o] = Reductions.SumAt(x.Slice(o * axis, axis), resolved);
            }
        }
        else
        {
            FoldColumns<SumFold>(x, outer, axis, inner, dest, resolved);
        }
    }

    internal static void MeanAt(ReadOnlySpan<float> x, int outer, int axis, int inner, Span<float> dest, VectorWidth resolved)
    {
        Require("Mean", x, outer, axis, inner, dest);
        if (axis == 0)
        {
            dest.Fill(float.NaN);
            return;
        }

        SumAt(x, outer, axis, inner, dest, resolved);
        float n = axis;
        for (int i = 0; i < dest.Length; i++)
        {
            dest[i] /= n;
        }
    }

    internal static void ExtremumAt<TFold, TRule>(
        string kernel, ReadOnlySpan<float> x, int outer, int axis, int inner, Span<float> values, Span<long> indices, VectorWidth resolved)
        where TFold : IAxisFold
        where TRule : IArgRule
    {
        Require(kernel, x, outer, axis, inner, values, nameof(values));
        if (indices.Length != 0)
        {
            ReductionShapes.RequireLength(kernel, nameof(indices), indices.Length, "outer * inner (or empty)", outer, inner);
            ReductionShapes.RequireNoOverlap(kernel, nameof(x), x, nameof(indices), indices);
            if (MemoryMarshal.AsBytes(values).Overlaps(MemoryMarshal.AsBytes(indices)))
            {
                throw new ArgumentException($"{kernel}: indices must not overlap values", nameof(indices));
            }
        }

        if (axis == 0)
        {
            throw new ArgumentException($"{kernel}: cannot reduce an empty axis (outer = {outer}, axis = 0, inner = {inner})", nameof(axis));
        }

        if (indices.Length == 0)
        {
            if (inner == 1)
            {
                FoldRows<TFold>(x, outer, axis, values, resolved);
            }
            else
            {
                FoldColumns<TFold>(x, outer, axis, inner, values, resolved);
            }
        }
        else if (inner == 1)
        {
            ArgRows<TFold>(x, outer, axis, values, indices, resolved);
        }
        else
        {
            ArgColumns<TRule>(x, outer, axis, inner, values, indices, resolved);
        }
    }

    private static void Require(
        string kernel, ReadOnlySpan<float> x, int outer, int axis, int inner, Span<float> dest, string destName = "dest")
    {
        ReductionShapes.RequireSizes(kernel, "outer, axis, inner", outer, axis, inner);
        ReductionShapes.RequireLength(kernel, nameof(x), x.Length, "outer * axis * inner", outer, axis, inner);
        ReductionShapes.RequireLength(kernel, destName, dest.Length, "outer * inner", outer, inner);
        ReductionShapes.RequireNoOverlap(kernel, nameof(x), x, destName, dest);
    }
}
