namespace TorchJit.Kernels.Tests;

/// <summary>Float64 references for the axis kernels, written plainly (no vectors, no shared code with the kernels).</summary>
internal static class ReductionReference
{
    public static double Sum(float[] x, Shape s, int o, int i, out double magnitude)
    {
        double sum = 0;
        magnitude = 0;
        for (int a = 0; a < s.Axis; a++)
        {
            double v = s.At(x, o, a, i);
            sum += v;
            magnitude += Math.Abs(v);
        }

        return sum;
    }

    /// <summary>PyTorch's torch.var(correction=c): m2 / max(n - c, 0) with the exact mean.</summary>
    public static double Var(float[] x, Shape s, int o, int i, double correction)
    {
        int n = s.Axis;
        double mean = Sum(x, s, o, i, out _) / n;
        double m2 = 0;
        for (int a = 0; a < n; a++)
        {
            double d = s.At(x, o, a, i) - mean;
            m2 += d * d;
        }

        return m2 / Math.Max(n - correction, 0);
    }

    /// <summary>First index of the maximum, NaN being the largest (torch.max(dim) / argmax).</summary>
    public static (float Value, long Index) ArgMax(float[] x, Shape s, int o, int i, bool min)
    {
        float best = s.At(x, o, 0, i);
        long index = 0;
        for (int a = 1; a < s.Axis && !float.IsNaN(best); a++)
        {
            float v = s.At(x, o, a, i);
            if (float.IsNaN(v) || (min ? v < best : v > best))
            {
                best = v;
                index = a;
            }
        }

        return (best, index);
    }

    /// <summary>amax/amin as IEEE 754-2019 maximum/minimum: NaN if any, and +0 above -0.</summary>
    public static float Extremum(float[] x, Shape s, int o, int i, bool min)
    {
        float best = min ? float.PositiveInfinity : float.NegativeInfinity;
        for (int a = 0; a < s.Axis; a++)
        {
            float v = s.At(x, o, a, i);
            if (float.IsNaN(v))
            {
                return float.NaN;
            }

            bool better = min
                ? v < best || (v == best && v == 0 && float.IsNegative(v))
                : v > best || (v == best && v == 0 && !float.IsNegative(v));
            if (better)
            {
                best = v;
            }
        }

        return best;
    }
}
