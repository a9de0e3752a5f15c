namespace TorchJit.Kernels;

/// <summary>
/// layer_norm, batch_norm (inference) and group_norm over contiguous float tensors. Statistics use the
/// corrected two-pass algorithm of Note [Two-pass variance] with the biased variance (divide by the count),
/// as PyTorch's normalizations do. <c>dest</c> has the shape of x and must not overlap any input. An empty
/// gamma means 1 and an empty beta means no shift, independently.
/// </summary>
/// <remarks>
/// Note [Normalization rounding]: per-row or per-channel constants are computed in double and rounded to float
/// once (rstd = 1 / sqrt(var + eps); batch_norm's scale = gamma / sqrt(runningVar + eps)); the per-element work
/// is float: layer_norm y = FMA(((x - mean) - meanLow) * rstd, gamma, beta); group_norm
/// y = FMA((x - mean) - meanLow, scale, shift) with a per-channel scale (rstd * gamma) and shift (beta);
/// batch_norm the same with its running mean and meanLow = 0. meanLow is the float correction of the mean
/// from Note [Two-pass variance], step 4, which keeps the deviations accurate when |mean| dwarfs the spread.
/// Without gamma the product is skipped (group/batch_norm use scale = rstd); without beta nothing is added
/// (group/batch_norm add -0, which leaves every value, -0 included, unchanged).
/// </remarks>
public static partial class Normalization
{
    /// <summary>
    /// layer_norm over the last <paramref name="cols"/> elements of each of <paramref name="rows"/> rows:
    /// (x - mean) / sqrt(var_biased + eps) * gamma + beta, gamma and beta of length cols or empty.
    /// </summary>
    /// <exception cref="ArgumentException">A size is negative, a span length does not match, or dest overlaps an input.</exception>
    public static void LayerNorm(
        ReadOnlySpan<float> x, int rows, int cols, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, float eps, Span<float> dest,
        VectorWidth width = VectorWidth.Best) =>
        LayerNormAt(x, rows, cols, gamma, beta, eps, dest, VectorWidths.Resolve(width));

    /// <summary>
    /// batch_norm in inference mode: x is [n, c, spatial]; y = (x - runningMean[c]) / sqrt(runningVar[c] + eps)
    /// * gamma[c] + beta[c], gamma and beta of length c or empty.
    /// </summary>
    /// <exception cref="ArgumentException">A size is negative, a span length does not match, or dest overlaps an input.</exception>
    public static void BatchNormInference(
        ReadOnlySpan<float> x, int n, int c, int spatial, ReadOnlySpan<float> runningMean, ReadOnlySpan<float> runningVar,
        ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, float eps, Span<float> dest, VectorWidth width = VectorWidth.Best) =>
        BatchNormInferenceAt(x, n, c, spatial, runningMean, runningVar, gamma, beta, eps, dest, VectorWidths.Resolve(width));

    /// <summary>
    /// group_norm: x is [n, c, spatial] and the c channels form <paramref name="groups"/> groups of c / groups
    /// consecutive channels; mean and biased variance per (sample, group), then the affine gamma[c], beta[c]
    /// per channel (length c or empty).
    /// </summary>
    /// <exception cref="ArgumentException">groups does not divide c, groups &lt;= 0, a size is negative, a span length does not match, or dest overlaps an input.</exception>
    public static void GroupNorm(
        ReadOnlySpan<float> x, int n, int c, int spatial, int groups, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, float eps,
        Span<float> dest, VectorWidth width = VectorWidth.Best) =>
        GroupNormAt(x, n, c, spatial, groups, gamma, beta, eps, dest, VectorWidths.Resolve(width));

    /// <summary>1 / sqrt(variance + eps) in double, rounded once (Note [Normalization rounding]).</summary>
    private static double InverseStd(double variance, float eps) => 1.0 / Math.Sqrt(variance + eps);

    private static void RequireOutput(string kernel, ReadOnlySpan<float> x, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, Span<float> dest)
    {
        ReductionShapes.RequireNoOverlap(kernel, nameof(x), x, nameof(dest), dest);
        ReductionShapes.RequireNoOverlap(kernel, nameof(gamma), gamma, nameof(dest), dest);
        ReductionShapes.RequireNoOverlap(kernel, nameof(beta), beta, nameof(dest), dest);
    }
}
