namespace TorchJit.Kernels.Tests;

/// <summary>Plain-loop models of Note [Sgemm order], for bit-exact checks, and a double-precision reference.</summary>
internal static class GemmModel
{
    /// <summary>
    /// One output of Note [Sgemm order]: acc from +0 (beta == 0), c (beta == 1) or beta * c, then
    /// fma(alpha * a[kk], b[kk], acc) over kk in increasing order. a and b are read with the given strides.
    /// </summary>
    public static float Chain(ReadOnlySpan<float> a, int aStep, ReadOnlySpan<float> b, int bStep, int k, float alpha, float beta, float c = 0f)
    {
        float acc = beta == 0f ? 0f : beta == 1f ? c : beta * c;
        for (int kk = 0; kk < k; kk++)
        {
            acc = MathF.FusedMultiplyAdd(alpha * a[kk * aStep], b[kk * bStep], acc);
        }

        return acc;
    }

    /// <summary>sum_kk a[kk] b[kk] in double, and the sum of |a[kk] b[kk]| for the error bound.</summary>
    public static (double Value, double Magnitude) Dot(ReadOnlySpan<float> a, int aStep, ReadOnlySpan<float> b, int bStep, int k)
    {
        double sum = 0, magnitude = 0;
        for (int kk = 0; kk < k; kk++)
        {
            double p = (double)a[kk * aStep] * b[kk * bStep];
            sum += p;
            magnitude += Math.Abs(p);
        }

        return (sum, magnitude);
    }
}
