namespace TorchJit.Kernels;

/// <summary>
/// softmax and log_softmax over the middle dimension of a contiguous float tensor viewed as
/// [outer, axis, inner] (the last dimension is inner = 1). <c>dest</c> has the shape of x and must not
/// overlap it.
/// </summary>
/// <remarks>
/// Note [Softmax order]: per output row (inner == 1) or column (inner &gt; 1), with m the maximum over the
/// axis (exact; rows may drop a NaN from m, which cannot matter, see Softmax.Rows.cs):
/// <list type="number">
/// <item>e_a = <see cref="ExpOperator"/>(x_a - m): max-subtracted, so the largest term is exp(0) = 1 and
/// nothing overflows however large the inputs are.</item>
/// <item>s = sum of e_a, in Note [Sum order] for rows and Note [Axis column order] for columns.</item>
/// <item>softmax: y_a = e_a * (1 / s), the reciprocal a float division (one rounding more than y_a = e_a / s,
/// for one multiply per element instead of one divide). log_softmax: y_a = (x_a - m) - log(s), the log taken
/// in double and rounded to float; subtracting m first keeps y exact-ish for x near m even when |x| is large.</item>
/// </list>
/// Consequences, as in PyTorch: a row of all -inf (or any row containing +inf) gives NaN, since
/// -inf - (-inf) is NaN; any NaN makes the whole row NaN. Columns are bit-identical across widths; rows differ
/// between widths only through the order of step 2.
/// </remarks>
public static partial class Softmax
{
    /// <summary>softmax over the axis, Note [Softmax order].</summary>
    /// <exception cref="ArgumentException">A size is negative, x or dest does not have outer * axis * inner elements, or they overlap.</exception>
    public static void Forward(ReadOnlySpan<float> x, int outer, int axis, int inner, Span<float> dest, VectorWidth width = VectorWidth.Best) =>
        ForwardAt(x, outer, axis, inner, dest, log: false, VectorWidths.Resolve(width));

    /// <summary>log_softmax over the axis, Note [Softmax order].</summary>
    /// <exception cref="ArgumentException">A size is negative, x or dest does not have outer * axis * inner elements, or they overlap.</exception>
    public static void LogForward(ReadOnlySpan<float> x, int outer, int axis, int inner, Span<float> dest, VectorWidth width = VectorWidth.Best) =>
        ForwardAt(x, outer, axis, inner, dest, log: true, VectorWidths.Resolve(width));

    internal static void ForwardAt(ReadOnlySpan<float> x, int outer, int axis, int inner, Span<float> dest, bool log, VectorWidth resolved)
    {
        string kernel = log ? "LogSoftmax" : "Softmax";
        ReductionShapes.RequireSizes(kernel, "outer, axis, inner", outer, axis, inner);
        ReductionShapes.RequireLength(kernel, nameof(x), x.Length, "outer * axis * inner", outer, axis, inner);
        ReductionShapes.RequireLength(kernel, nameof(dest), dest.Length, "outer * axis * inner", outer, axis, inner);
        ReductionShapes.RequireNoOverlap(kernel, nameof(x), x, nameof(dest), dest);
        if (x.Length == 0)
        {
            return;
        }

        if (inner == 1)
        {
            if (log)
            {
                Rows<LogOutput>(x, outer, axis, dest, resolved);
            }
            else
            {
                Rows<ProbabilityOutput>(x, outer, axis, dest, resolved);
            }
        }
        else if (log)
        {
            Columns<LogOutput>(x, outer, axis, inner, dest, resolved);
        }
        else
        {
            Columns<ProbabilityOutput>(x, outer, axis, inner, dest, resolved);
        }
    }

    /// <summary>Which output the loops produce; a type parameter so each loop is compiled without the branch.</summary>
    private interface IOutput
    {
        static abstract bool IsLog { get; }
    }

    private readonly struct ProbabilityOutput : IOutput
    {
        public static bool IsLog => false;
    }

    private readonly struct LogOutput : IOutput
    {
        public static bool IsLog => true;
    }
}
