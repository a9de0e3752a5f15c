namespace TorchJit.Kernels.Tests;

/// <summary>Straightforward float64 convolution and comparison helpers for the conv and pooling tests.</summary>
internal static class ConvReference
{
    // Note [Conv test tolerance]: |got - expected| <= 1e-4 + 1e-4 * |expected| against float64. Inputs and
    // weights are uniform in [-1, 1] and reductions have at most a few hundred terms, so float32 rounding
    // (about 1e-7 relative per step) stays orders of magnitude inside it; a wrong tap or index does not.
    public const double Atol = 1e-4, Rtol = 1e-4;

    public static double[] Conv2d(float[] x, float[] w, float[]? bias, in Conv2dGeometry g, bool relu)
    {
        int oh = g.OutHeight, ow = g.OutWidth, icg = g.InChannelsPerGroup, ocg = g.OutChannelsPerGroup;
        var y = new double[g.Batch * g.OutChannels * oh * ow];
        for (int n = 0; n < g.Batch; n++)
        {
            for (int oc = 0; oc < g.OutChannels; oc++)
            {
                int grp = oc / ocg;
                for (int oy = 0; oy < oh; oy++)
                {
                    for (int ox = 0; ox < ow; ox++)
                    {
                        double acc = bias is null ? 0 : bias[oc];
                        for (int ic = 0; ic < icg; ic++)
                        {
                            for (int kh = 0; kh < g.KernelHeight; kh++)
                            {
                                int iy = (oy * g.StrideH) - g.PadH + (kh * g.DilationH);
                                for (int kw = 0; kw < g.KernelWidth; kw++)
                                {
                                    int ix = (ox * g.StrideW) - g.PadW + (kw * g.DilationW);
                                    if (iy < 0 || iy >= g.InHeight || ix < 0 || ix >= g.InWidth)
                                    {
                                        continue;
                                    }

                                    int c = (grp * icg) + ic;
                                    acc += (double)x[(((n * g.InChannels) + c) * g.InHeight + iy) * g.InWidth + ix]
                                        * w[(((oc * icg) + ic) * g.KernelHeight + kh) * g.KernelWidth + kw];
                                }
                            }
                        }

                        y[(((n * g.OutChannels) + oc) * oh + oy) * ow + ox] = relu ? Math.Max(acc, 0) : acc;
                    }
                }
            }
        }

        return y;
    }

    public static bool IsClose(double expected, float actual) =>
        double.IsNaN(expected) ? float.IsNaN(actual)
        : double.IsInfinity(expected) ? expected == actual
        : Math.Abs(actual - expected) <= Atol + (Rtol * Math.Abs(expected));

    public static void AssertClose(double[] expected, ReadOnlySpan<float> actual, string context)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (!IsClose(expected[i], actual[i]))
            {
                Assert.Fail($"{context} [{i}]: expected {expected[i]:R}, got {actual[i]:R}");
            }
        }
    }
}
