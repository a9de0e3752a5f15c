namespace TorchJit.Tests.Conformance;

/// <summary>Direct-loop 2-D convolution in float64 (zero padding), with the magnitude Σ|x·w| + |b| per output. Row-major flat indexing: the conformance suite runs it over millions of terms.</summary>
internal static class RefConv
{
    public static (RefTensor Value, RefTensor Magnitude) Conv2d(RefTensor x, RefTensor w, RefTensor? bias, (int H, int W) stride, (int H, int W) pad, (int H, int W) dil, int groups)
    {
        int n = x.Shape[0], c = x.Shape[1], h = x.Shape[2], wd = x.Shape[3];
        int o = w.Shape[0], cg = w.Shape[1], kh = w.Shape[2], kw = w.Shape[3];
        int oh = ((h + (2 * pad.H) - (dil.H * (kh - 1)) - 1) / stride.H) + 1;
        int ow = ((wd + (2 * pad.W) - (dil.W * (kw - 1)) - 1) / stride.W) + 1;
        var value = RefTensor.Zeros(n, o, oh, ow);
        var magnitude = RefTensor.Zeros(n, o, oh, ow);
        int og = o / groups;
        for (int b = 0; b < n; b++)
        {
            for (int oc = 0; oc < o; oc++)
            {
                int g = oc / og;
                for (int i = 0; i < oh; i++)
                {
                    for (int j = 0; j < ow; j++)
                    {
                        double sum = bias?.Data[oc] ?? 0, abs = Math.Abs(sum);
                        for (int ic = 0; ic < cg; ic++)
                        {
                            for (int p = 0; p < kh; p++)
                            {
                                int y = (i * stride.H) - pad.H + (p * dil.H);
                                if (y < 0 || y >= h) continue;
                                for (int q = 0; q < kw; q++)
                                {
                                    int z = (j * stride.W) - pad.W + (q * dil.W);
                                    if (z < 0 || z >= wd) continue;
                                    int xi = (((((b * c) + (g * cg) + ic) * h) + y) * wd) + z;
                                    int wi = (((((oc * cg) + ic) * kh) + p) * kw) + q;
                                    double term = x.Data[xi] * w.Data[wi];
                                    sum += term;
                                    abs += Math.Abs(term);
                                }
                            }
                        }

                        int at = (((((b * o) + oc) * oh) + i) * ow) + j;
                        value.Data[at] = sum;
                        magnitude.Data[at] = abs;
                    }
                }
            }
        }

        return (value, magnitude);
    }
}
