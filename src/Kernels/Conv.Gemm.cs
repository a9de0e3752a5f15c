namespace TorchJit.Kernels;

// Note [Conv GEMM]: every GEMM the conv kernels run goes through MultiplyInto, which runs the packed,
// blocked SGEMM. With leading dimensions available, RunIm2ColGemm can then also write each tile straight into y
// (ldc = OH * OW) and run the epilogue in place instead of copying out of the product tile, and the bias
// could ride in as beta = 1 over a bias-filled c. The weights (the A operand) are stored as PyTorch lays
// them out; if the packed SGEMM grows a PackA, PackWeights is where to call it.
public static partial class Conv
{
    // im2col columns per tile: 64K floats (256 KiB) stay in the L2 while GEMM streams through them.
    private const int ColumnBudget = 64 * 1024;

    // Below this many output positions per tile GEMM rows get too short to vectorize well.
    private const int MinTilePositions = 64;

    private static void RunPointwise(
        ReadOnlySpan<float> x, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> y,
        in Conv2dGeometry g, bool relu, VectorWidth resolved)
    {
        // A 1x1 stride-1 kernel reads each pixel once: the group's input [C/g, H*W] is the column matrix.
        int icg = g.InChannelsPerGroup, ocg = g.OutChannelsPerGroup, hw = g.InHeight * g.InWidth;
        for (int n = 0; n < g.Batch; n++)
        {
            for (int grp = 0; grp < g.Groups; grp++)
            {
                ReadOnlySpan<float> xg = x.Slice(((n * g.InChannels) + (grp * icg)) * hw, icg * hw);
                Span<float> yg = y.Slice(((n * g.OutChannels) + (grp * ocg)) * hw, ocg * hw);
                MultiplyInto(weights.Slice(grp * ocg * icg, ocg * icg), xg, yg, ocg, icg, hw, resolved);
                EpilogueInPlace(yg, hw, ocg, GroupBias(bias, grp, ocg), relu, resolved);
            }
        }
    }

    private static void RunIm2ColGemm(
        ReadOnlySpan<float> x, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> y,
        in Conv2dGeometry g, bool relu, VectorWidth resolved)
    {
        int icg = g.InChannelsPerGroup, ocg = g.OutChannelsPerGroup;
        int inPlane = g.InHeight * g.InWidth, outPlane = g.OutHeight * g.OutWidth;
        int k = icg * g.KernelHeight * g.KernelWidth;
        int tile = TilePositions(k, outPlane);
        bool tiled = tile < outPlane;

        // One scratch buffer: columns [k, tile], then (only when tiled) the GEMM result [ocg, tile].
        float[] scratch = ConvScratch.Get(((long)k * tile) + (tiled ? (long)ocg * tile : 0));
        for (int n = 0; n < g.Batch; n++)
        {
            for (int grp = 0; grp < g.Groups; grp++)
            {
                ReadOnlySpan<float> xg = x.Slice(((n * g.InChannels) + (grp * icg)) * inPlane, icg * inPlane);
                Span<float> yg = y.Slice(((n * g.OutChannels) + (grp * ocg)) * outPlane, ocg * outPlane);
                ReadOnlySpan<float> wg = weights.Slice(grp * ocg * k, ocg * k);
                ReadOnlySpan<float> bg = GroupBias(bias, grp, ocg);
                for (int p0 = 0; p0 < outPlane; p0 += tile)
                {
                    int count = Math.Min(tile, outPlane - p0);
                    Span<float> columns = scratch.AsSpan(0, k * count);
                    Im2Col.Unfold(xg, columns, g, p0, p0 + count);
                    if (!tiled)
                    {
                        MultiplyInto(wg, columns, yg, ocg, k, count, resolved);
                        EpilogueInPlace(yg, count, ocg, bg, relu, resolved);
                    }
                    else
                    {
                        Span<float> product = scratch.AsSpan(k * tile, ocg * count);
                        MultiplyInto(wg, columns, product, ocg, k, count, resolved);
                        Epilogue(product, count, yg[p0..], outPlane, ocg, count, bg, relu, resolved);
                    }
                }
            }
        }
    }

    /// <summary>c[m, n] = a[m, k] @ b[k, n], row-major and tight. The one GEMM call site: Note [Conv GEMM].</summary>
    private static void MultiplyInto(
        ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, VectorWidth resolved) =>
        Gemm.SgemmAt(false, false, m, n, k, 1f, a[..(m * k)], Math.Max(1, k), b[..(k * n)], Math.Max(1, n), 0f, c[..(m * n)], Math.Max(1, n), resolved, Parallelism.IntraOpThreads);

    private static int TilePositions(int k, int positions)
    {
        if ((long)k * positions <= ColumnBudget)
        {
            return positions;
        }

        // Whole vectors of positions (16 = the widest lane count) so only the last tile has a ragged edge.
        int tile = Math.Max(MinTilePositions, ColumnBudget / k / 16 * 16);
        return Math.Min(tile, positions);
    }

    private static ReadOnlySpan<float> GroupBias(ReadOnlySpan<float> bias, int grp, int ocg) =>
        bias.IsEmpty ? bias : bias.Slice(grp * ocg, ocg);
}
