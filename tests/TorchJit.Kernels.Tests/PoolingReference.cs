namespace TorchJit.Kernels.Tests;

/// <summary>float64 transcriptions of PyTorch's CPU pooling loops (MaxPoolKernel.cpp, AvgPoolKernel.cpp, AdaptiveAvgPoolKernel.cpp).</summary>
internal static class PoolingReference
{
    public static double[] MaxPool2d(float[] x, int n, int c, int h, int w, int kH, int kW, int sH, int sW, int pH, int pW, int dH, int dW, int outH, int outW)
    {
        var y = new double[n * c * outH * outW];
        for (int p = 0; p < n * c; p++)
        {
            for (int oy = 0; oy < outH; oy++)
            {
                for (int ox = 0; ox < outW; ox++)
                {
                    int ih0 = (oy * sH) - pH, iw0 = (ox * sW) - pW;
                    int ih1 = Math.Min(ih0 + ((kH - 1) * dH) + 1, h), iw1 = Math.Min(iw0 + ((kW - 1) * dW) + 1, w);
                    while (ih0 < 0) { ih0 += dH; }
                    while (iw0 < 0) { iw0 += dW; }
                    double max = double.NegativeInfinity;
                    for (int ih = ih0; ih < ih1; ih += dH)
                    {
                        for (int iw = iw0; iw < iw1; iw += dW)
                        {
                            double v = x[(((p * h) + ih) * w) + iw];
                            if (v > max || double.IsNaN(v))
                            {
                                max = v;
                            }
                        }
                    }

                    y[(((p * outH) + oy) * outW) + ox] = max;
                }
            }
        }

        return y;
    }

    public static double[] AvgPool2d(float[] x, int n, int c, int h, int w, int kH, int kW, int sH, int sW, int pH, int pW, bool countIncludePad, int outH, int outW)
    {
        var y = new double[n * c * outH * outW];
        for (int p = 0; p < n * c; p++)
        {
            for (int oy = 0; oy < outH; oy++)
            {
                for (int ox = 0; ox < outW; ox++)
                {
                    int ih0 = (oy * sH) - pH, iw0 = (ox * sW) - pW;
                    int ih1 = Math.Min(ih0 + kH, h + pH), iw1 = Math.Min(iw0 + kW, w + pW);
                    int poolSize = (ih1 - ih0) * (iw1 - iw0);
                    ih0 = Math.Max(ih0, 0);
                    iw0 = Math.Max(iw0, 0);
                    ih1 = Math.Min(ih1, h);
                    iw1 = Math.Min(iw1, w);
                    double result = 0;
                    if (ih0 < ih1 && iw0 < iw1)
                    {
                        double sum = 0;
                        for (int ih = ih0; ih < ih1; ih++)
                        {
                            for (int iw = iw0; iw < iw1; iw++)
                            {
                                sum += x[(((p * h) + ih) * w) + iw];
                            }
                        }

                        result = sum / (countIncludePad ? poolSize : (ih1 - ih0) * (iw1 - iw0));
                    }

                    y[(((p * outH) + oy) * outW) + ox] = result;
                }
            }
        }

        return y;
    }

    public static double[] AdaptiveAvgPool2d(float[] x, int n, int c, int h, int w, int outH, int outW)
    {
        var y = new double[n * c * outH * outW];
        for (int p = 0; p < n * c; p++)
        {
            for (int oy = 0; oy < outH; oy++)
            {
                int ih0 = (int)Math.Floor((double)oy * h / outH), ih1 = (int)Math.Ceiling((double)(oy + 1) * h / outH);
                for (int ox = 0; ox < outW; ox++)
                {
                    int iw0 = (int)Math.Floor((double)ox * w / outW), iw1 = (int)Math.Ceiling((double)(ox + 1) * w / outW);
                    double sum = 0;
                    for (int ih = ih0; ih < ih1; ih++)
                    {
                        for (int iw = iw0; iw < iw1; iw++)
                        {
                            sum += x[(((p * h) + ih) * w) + iw];
                        }
                    }

                    y[(((p * outH) + oy) * outW) + ox] = sum / ((ih1 - ih0) * (iw1 - iw0));
                }
            }
        }

        return y;
    }
}
