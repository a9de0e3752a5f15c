namespace TorchJit.Tests.Conformance;

/// <summary>2-D pooling references over [N, C, H, W] with ATen's output sizes, window clipping and divisors.</summary>
internal static class RefPool
{
    /// <summary>ATen's pooling_output_shape: floor or ceil, and with ceil_mode the last window must start inside the input or its left padding.</summary>
    public static int OutSize(int input, int kernel, int stride, int pad, int dilation, bool ceil)
    {
        int numerator = input + (2 * pad) - (dilation * (kernel - 1)) - 1 + (ceil ? stride - 1 : 0);
        int size = FloorDiv(numerator, stride) + 1;
        if (ceil && (size - 1) * stride >= input + pad) size--;
        return size;
    }

    public static RefTensor MaxPool2d(RefTensor x, (int H, int W) k, (int H, int W) s, (int H, int W) p, (int H, int W) d, bool ceil)
    {
        int n = x.Shape[0], c = x.Shape[1], h = x.Shape[2], w = x.Shape[3];
        int oh = OutSize(h, k.H, s.H, p.H, d.H, ceil), ow = OutSize(w, k.W, s.W, p.W, d.W, ceil);
        var result = RefTensor.Zeros(n, c, oh, ow);
        foreach (var index in RefTensor.Indices(result.Shape))
        {
            double best = double.NegativeInfinity;
            for (int a = 0; a < k.H; a++)
            {
                int y = (index[2] * s.H) - p.H + (a * d.H);
                if (y < 0 || y >= h) continue;
                for (int b = 0; b < k.W; b++)
                {
                    int z = (index[3] * s.W) - p.W + (b * d.W);
                    if (z < 0 || z >= w) continue;
                    double v = x[[index[0], index[1], y, z]];
                    if (v > best || double.IsNaN(v)) best = v; // NaN wins, as in ATen's max pooling
                    if (double.IsNaN(best)) break;
                }
            }

            result[index] = best;
        }

        return result;
    }

    public static (RefTensor Value, RefTensor Magnitude) AvgPool2d(RefTensor x, (int H, int W) k, (int H, int W) s, (int H, int W) p, bool ceil, bool countIncludePad)
    {
        int n = x.Shape[0], c = x.Shape[1], h = x.Shape[2], w = x.Shape[3];
        int oh = OutSize(h, k.H, s.H, p.H, 1, ceil), ow = OutSize(w, k.W, s.W, p.W, 1, ceil);
        var value = RefTensor.Zeros(n, c, oh, ow);
        var magnitude = RefTensor.Zeros(n, c, oh, ow);
        foreach (var index in RefTensor.Indices(value.Shape))
        {
            // The window clipped to the padded input gives the count_include_pad divisor, then clipped to the input.
            int y0 = (index[2] * s.H) - p.H, x0 = (index[3] * s.W) - p.W;
            int y1 = Math.Min(y0 + k.H, h + p.H), x1 = Math.Min(x0 + k.W, w + p.W);
            int padded = (y1 - y0) * (x1 - x0);
            (y0, x0, y1, x1) = (Math.Max(y0, 0), Math.Max(x0, 0), Math.Min(y1, h), Math.Min(x1, w));
            if (y0 >= y1 || x0 >= x1) continue;
            double sum = 0, abs = 0;
            for (int y = y0; y < y1; y++)
            {
                for (int z = x0; z < x1; z++)
                {
                    double v = x[[index[0], index[1], y, z]];
                    sum += v;
                    abs += Math.Abs(v);
                }
            }

            int divisor = countIncludePad ? padded : (y1 - y0) * (x1 - x0);
            value[index] = sum / divisor;
            magnitude[index] = abs / divisor;
        }

        return (value, magnitude);
    }

    /// <summary>Output cell i averages input rows floor(i·in/out) to ceil((i+1)·in/out).</summary>
    public static (RefTensor Value, RefTensor Magnitude) AdaptiveAvgPool2d(RefTensor x, int oh, int ow)
    {
        int n = x.Shape[0], c = x.Shape[1], h = x.Shape[2], w = x.Shape[3];
        var value = RefTensor.Zeros(n, c, oh, ow);
        var magnitude = RefTensor.Zeros(n, c, oh, ow);
        foreach (var index in RefTensor.Indices(value.Shape))
        {
            int y0 = index[2] * h / oh, y1 = (((index[2] + 1) * h) + oh - 1) / oh;
            int x0 = index[3] * w / ow, x1 = (((index[3] + 1) * w) + ow - 1) / ow;
            double sum = 0, abs = 0;
            for (int y = y0; y < y1; y++)
            {
                for (int z = x0; z < x1; z++)
                {
                    double v = x[[index[0], index[1], y, z]];
                    sum += v;
                    abs += Math.Abs(v);
                }
            }

            int count = (y1 - y0) * (x1 - x0);
            value[index] = sum / count;
            magnitude[index] = abs / count;
        }

        return (value, magnitude);
    }

    private static int FloorDiv(int a, int b) => (int)Math.Floor((double)a / b);
}
