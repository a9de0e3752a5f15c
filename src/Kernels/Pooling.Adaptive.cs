namespace TorchJit.Kernels;

// adaptive_avg_pool2d (cpu/AdaptiveAvgPoolKernel.cpp): output i along an axis of input size s and output
// size o averages [floor(i s / o), ceil((i + 1) s / o)). Rows are summed lane-wise into a row buffer as in
// Note [Pooling rows then columns]; the columns of each window are then added in a short scalar loop, since
// adaptive windows differ in width and overlap.
public static partial class Pooling
{
    internal static void AdaptiveAvgPool2dAt(
        ReadOnlySpan<float> x, int n, int c, int h, int w, int outH, int outW, Span<float> y, VectorWidth resolved)
    {
        const string op = "AdaptiveAvgPool2d";
        ConvShape.RequireAtLeast(op, "batch", n, 0);
        ConvShape.RequireAtLeast(op, "channels", c, 1);
        ConvShape.RequireAtLeast(op, "input height", h, 1);
        ConvShape.RequireAtLeast(op, "input width", w, 1);
        ConvShape.RequireAtLeast(op, "output height", outH, 0);
        ConvShape.RequireAtLeast(op, "output width", outW, 0);
        ConvShape.RequireLength(op, nameof(x), x.Length, n, c, h, w);
        ConvShape.RequireLength(op, nameof(y), y.Length, n, c, outH, outW);
        if (y.IsEmpty)
        {
            return;
        }

        Span<float> rowSums = ConvScratch.Get(w).AsSpan(0, w);
        VectorWidth rowWidth = VectorWidths.FitLength(resolved, w);
        int inPlane = h * w, outPlane = outH * outW;
        long planes = (long)n * c;
        for (long p = 0; p < planes; p++)
        {
            ReadOnlySpan<float> xPlane = x.Slice((int)(p * inPlane), inPlane);
            Span<float> yPlane = y.Slice((int)(p * outPlane), outPlane);
            for (int oy = 0; oy < outH; oy++)
            {
                int y0 = AdaptiveStart(oy, outH, h), y1 = AdaptiveEnd(oy, outH, h);
                CombineRows<SumOp>(xPlane[(y0 * w)..], w, y1 - y0, rowSums, rowWidth);
                for (int ox = 0; ox < outW; ox++)
                {
                    int x0 = AdaptiveStart(ox, outW, w), x1 = AdaptiveEnd(ox, outW, w);
                    float sum = 0f;
                    for (int ix = x0; ix < x1; ix++)
                    {
                        sum += rowSums[ix];
                    }

                    yPlane[(oy * outW) + ox] = sum / (y1 - y0) / (x1 - x0); // PyTorch's two divisions
                }
            }
        }
    }

    // floor(i * size / outSize) and ceil((i + 1) * size / outSize), in long: i * size may overflow int.
    private static int AdaptiveStart(int i, int outSize, int size) => (int)((long)i * size / outSize);

    private static int AdaptiveEnd(int i, int outSize, int size) => (int)((((long)(i + 1) * size) + outSize - 1) / outSize);
}
