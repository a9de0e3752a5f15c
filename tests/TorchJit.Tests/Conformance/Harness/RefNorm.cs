namespace TorchJit.Tests.Conformance;

/// <summary>
/// Normalization references: statistics over groups of elements (biased variance), then (x - mean) /
/// sqrt(var + eps) · weight + bias. The magnitude for the tolerance is |y| plus the error a float32 mean
/// carries into y: (Σ|x| / n) / sqrt(var + eps) · |weight|.
/// </summary>
internal static class RefNorm
{
    /// <summary>Normalizes each run of <paramref name="groupSize"/> consecutive elements of x (row-major) as one group; <paramref name="channelOf"/> maps a flat index to its weight and bias entry.</summary>
    public static (RefTensor Value, RefTensor Magnitude) Normalize(RefTensor x, int groupSize, double eps, Func<int, int> channelOf, RefTensor? weight, RefTensor? bias)
    {
        var value = RefTensor.Zeros(x.Shape);
        var magnitude = RefTensor.Zeros(x.Shape);
        for (int start = 0; start < x.Length; start += groupSize)
        {
            var group = x.Data.AsSpan(start, groupSize).ToArray();
            double mean = group.Average();
            double var = group.Sum(v => (v - mean) * (v - mean)) / groupSize;
            double rstd = 1 / Math.Sqrt(var + eps);
            double meanAbs = group.Sum(Math.Abs) / groupSize;
            for (int i = 0; i < groupSize; i++)
            {
                int c = channelOf(start + i);
                double w = weight?.Data[c] ?? 1, b = bias?.Data[c] ?? 0;
                double y = ((group[i] - mean) * rstd * w) + b;
                value.Data[start + i] = y;
                magnitude.Data[start + i] = Math.Abs(y) + (meanAbs * rstd * Math.Abs(w)) + Math.Abs(b);
            }
        }

        return (value, magnitude);
    }
}
