namespace TorchJit.Kernels.Tests;

/// <summary>
/// Plain-array models of the documented floating-point orders (Note [Sum order], Note [Linear order]),
/// one float per lane, so tests can demand bit-exact agreement with the documentation.
/// </summary>
internal static class LaneModel
{
    /// <summary>Horizontal sum by halving down to 4 lanes, then (l0 + l2) + (l1 + l3).</summary>
    public static float SumLanes(float[] v)
    {
        var lanes = (float[])v.Clone();
        for (int len = lanes.Length; len > 4; len /= 2)
        {
            for (int l = 0; l < len / 2; l++)
            {
                lanes[l] += lanes[l + (len / 2)];
            }
        }

        return (lanes[0] + lanes[2]) + (lanes[1] + lanes[3]);
    }

    public static float Sum(float[] x, int c)
    {
        int n = x.Length;
        var acc = new float[4][];
        for (int j = 0; j < 4; j++)
        {
            acc[j] = new float[c];
        }

        int i = 0;
        for (; i + (4 * c) <= n; i += 4 * c)
        {
            for (int j = 0; j < 4; j++)
            {
                for (int l = 0; l < c; l++)
                {
                    acc[j][l] += x[i + (j * c) + l];
                }
            }
        }

        for (int j = 0; j < 3 && i + c <= n; j++, i += c)
        {
            for (int l = 0; l < c; l++)
            {
                acc[j][l] += x[i + l];
            }
        }

        if (i < n)
        {
            int start = n - c;
            for (int l = c - (n - i); l < c; l++)
            {
                acc[3][l] += x[start + l];
            }
        }

        var v = new float[c];
        for (int l = 0; l < c; l++)
        {
            v[l] = (acc[0][l] + acc[1][l]) + (acc[2][l] + acc[3][l]);
        }

        return c == 1 ? v[0] : SumLanes(v);
    }

    public static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> w, int c)
    {
        int k = x.Length;
        if (c == 1)
        {
            float s = 0f;
            for (int kk = 0; kk < k; kk++)
            {
                s = MathF.FusedMultiplyAdd(x[kk], w[kk], s);
            }

            return s;
        }

        var acc = new float[c];
        int i = 0;
        for (; i + c <= k; i += c)
        {
            for (int l = 0; l < c; l++)
            {
                acc[l] = MathF.FusedMultiplyAdd(x[i + l], w[i + l], acc[l]);
            }
        }

        if (i < k)
        {
            int start = k - c;
            for (int l = c - (k - i); l < c; l++)
            {
                acc[l] = MathF.FusedMultiplyAdd(x[start + l], w[start + l], acc[l]);
            }
        }

        return SumLanes(acc);
    }
}
