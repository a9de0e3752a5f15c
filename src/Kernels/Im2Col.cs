namespace TorchJit.Kernels;

/// <summary>
/// im2col: unfolds one group's input [C/groups, H, W] into the column matrix of a convolution, so the
/// convolution becomes weight [OC/groups, K] @ columns [K, P] with K = C/groups * kH * kW.
/// </summary>
internal static class Im2Col
{
    /// <summary>
    /// Writes columns [K, p1 - p0]: row r = (ic * kH + kh) * kW + kw, column p - p0 for flattened output
    /// positions p = oh * OW + ow in [p0, p1). Taps that land in the padding are 0.
    /// </summary>
    public static void Unfold(ReadOnlySpan<float> groupInput, Span<float> columns, in Conv2dGeometry g, int p0, int p1)
    {
        int h = g.InHeight, w = g.InWidth, ow = g.OutWidth;
        int kH = g.KernelHeight, kW = g.KernelWidth;
        int positions = p1 - p0;
        int row = 0;
        for (int ic = 0; ic < g.InChannelsPerGroup; ic++)
        {
            ReadOnlySpan<float> plane = groupInput.Slice(ic * h * w, h * w);
            for (int kh = 0; kh < kH; kh++)
            {
                for (int kw = 0; kw < kW; kw++, row++)
                {
                    int colOffset = (kw * g.DilationW) - g.PadW;

                    // Output columns whose tap lies inside the row: 0 <= ox * sW + colOffset < w.
                    int lo = CeilDivNonNegative(-colOffset, g.StrideW);
                    int hi = Math.Min(ow, FloorDiv(w - 1 - colOffset, g.StrideW) + 1);
                    Span<float> dst = columns.Slice(row * positions, positions);
                    UnfoldRow(plane, dst, g, kh, colOffset, lo, hi, p0, p1);
                }
            }
        }
    }

    private static void UnfoldRow(
        ReadOnlySpan<float> plane, Span<float> dst, in Conv2dGeometry g, int kh, int colOffset, int lo, int hi, int p0, int p1)
    {
        int h = g.InHeight, w = g.InWidth, ow = g.OutWidth, sW = g.StrideW;
        int p = p0;
        while (p < p1)
        {
            int oy = p / ow;
            int start = p - (oy * ow);
            int end = Math.Min(ow, start + (p1 - p));
            Span<float> seg = dst.Slice(p - p0, end - start);
            int iy = (oy * g.StrideH) - g.PadH + (kh * g.DilationH);
            if ((uint)iy >= (uint)h || lo >= hi)
            {
                seg.Clear();
            }
            else
            {
                int a = Math.Clamp(lo, start, end), b = Math.Clamp(hi, start, end);
                seg[..(a - start)].Clear();
                seg[(b - start)..].Clear();
                ReadOnlySpan<float> src = plane.Slice(iy * w, w);
                if (sW == 1)
                {
                    src.Slice(a + colOffset, b - a).CopyTo(seg[(a - start)..]);
                }
                else
                {
                    for (int ox = a; ox < b; ox++)
                    {
                        seg[ox - start] = src[(ox * sW) + colOffset];
                    }
                }
            }

            p += end - start;
        }
    }

    // ceil(n / d) for d > 0, clamped below at 0.
    private static int CeilDivNonNegative(int n, int d) => n <= 0 ? 0 : (n + d - 1) / d;

    // floor(n / d) for d > 0 and any sign of n.
    private static int FloorDiv(int n, int d) => n >= 0 ? n / d : -((-n + d - 1) / d);
}
