using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace TorchJit.Kernels;

// Note [Direct conv layout]: for ConvAlgorithm.Direct the weights of each group are cut into blocks of
// OcBlock output channels (the last block padded with zero weights), and within a block stored as
// [ic][kh][kw][OcBlock], so the inner loop reads the OcBlock weights of one tap as consecutive floats.
// The input is read from a zero-padded copy [C/groups, H + 2 pH, W + 2 pW] (or x itself without padding),
// so every tap of every output is in bounds and the loop has no edge cases. The (ic, kh) loops are flattened
// into one loop over a table of input-row offsets, because with few channels (3 for RGB input) the
// reduction is short and nested-loop overhead is a visible part of each tile.
// Each output row is covered by vector "slots" at ox = 0, C, 2C, ... and a last one ending at OutW
// (overlapping the previous one). A tile is OcBlock output channels by 3 slots -- consecutive slots, of the
// same row or of adjacent rows, so narrow outputs still fill a tile: 12 accumulators; per tap 3 input loads
// and 4 weight broadcasts feed 12 FMAs. 12 independent chains cover the FMA latency (5 cycles at 2 per
// cycle), and 12 + 3 + 1 registers fit AVX2's 16. All slots read the same taps at different base offsets
// (oy * Wp + ox), which is all a tile needs to know. The tile starts from the bias, runs over all
// (ic, kh, kw) and is stored once (with ReLU), so overlapping slots just recompute the same values; 1 or 2
// slots left at the end of a band run as smaller tiles. Rows are processed in bands whose input rows fit in the L2 (DirectBandBudget),
// and every output-channel block runs over a band before the next band, so the input is read from memory
// once instead of once per block.
public static partial class Conv
{
    private const int OcBlock = 4;

    // Input bytes one band of output rows may touch: a quarter of a 512 KiB L2, leaving room for the weights.
    private const int DirectBandBudget = 128 * 1024;

    private static float[] PackDirect(ReadOnlySpan<float> weight, in Conv2dGeometry g)
    {
        int icg = g.InChannelsPerGroup, ocg = g.OutChannelsPerGroup, taps = g.KernelHeight * g.KernelWidth;
        int blocks = (ocg + OcBlock - 1) / OcBlock;
        int blockLength = icg * taps * OcBlock;
        var packed = new float[g.Groups * blocks * blockLength];
        for (int oc = 0; oc < g.OutChannels; oc++)
        {
            int grp = oc / ocg, local = oc % ocg;
            int blockStart = ((grp * blocks) + (local / OcBlock)) * blockLength;
            for (int i = 0; i < icg * taps; i++)
            {
                packed[blockStart + (i * OcBlock) + (local % OcBlock)] = weight[(oc * icg * taps) + i];
            }
        }

        return packed;
    }

    private static void RunDirect(
        ReadOnlySpan<float> x, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> y,
        in Conv2dGeometry g, bool relu, VectorWidth resolved)
    {
        int icg = g.InChannelsPerGroup, ocg = g.OutChannelsPerGroup;
        int inPlane = g.InHeight * g.InWidth, outPlane = g.OutHeight * g.OutWidth;
        int hp = g.InHeight + (2 * g.PadH), wp = g.InWidth + (2 * g.PadW);
        bool padded = g.PadH != 0 || g.PadW != 0;
        int padLength = padded ? icg * hp * wp : 0;

        // Scratch: the padded input, then the row-offset table (Note [Direct conv layout]) as nints.
        int rows = icg * g.KernelHeight, floatsPerOffset = IntPtr.Size / sizeof(float);
        float[] scratch = ConvScratch.Get(padLength + ((long)rows * floatsPerOffset));
        Span<nint> rowOffsets = MemoryMarshal.Cast<float, nint>(scratch.AsSpan(padLength, rows * floatsPerOffset));
        for (int ic = 0, r = 0; ic < icg; ic++)
        {
            for (int kh = 0; kh < g.KernelHeight; kh++, r++)
            {
                rowOffsets[r] = ((nint)ic * hp * wp) + ((nint)kh * wp);
            }
        }

        int blocks = (ocg + OcBlock - 1) / OcBlock;
        int blockLength = icg * g.KernelHeight * g.KernelWidth * OcBlock;
        VectorWidth width = VectorWidths.FitLength(resolved, g.OutWidth);
        Span<float> blockBias = stackalloc float[OcBlock];

        for (int n = 0; n < g.Batch; n++)
        {
            for (int grp = 0; grp < g.Groups; grp++)
            {
                ReadOnlySpan<float> xg = x.Slice(((n * g.InChannels) + (grp * icg)) * inPlane, icg * inPlane);
                ReadOnlySpan<float> source = xg;
                if (padded)
                {
                    Span<float> pad = scratch.AsSpan(0, padLength);
                    PadInput(xg, pad, icg, g.InHeight, g.InWidth, g.PadH, g.PadW);
                    source = pad;
                }

                int band = DirectBandRows(icg, wp, g.KernelHeight, g.OutHeight);
                for (int oy0 = 0; oy0 < g.OutHeight; oy0 += band)
                {
                    int oy1 = Math.Min(g.OutHeight, oy0 + band);
                    for (int b = 0; b < blocks; b++)
                    {
                        int first = b * OcBlock, count = Math.Min(OcBlock, ocg - first);
                        int oc0 = (grp * ocg) + first;
                        blockBias.Clear();
                        if (!bias.IsEmpty)
                        {
                            bias.Slice(oc0, count).CopyTo(blockBias);
                        }

                        var block = new DirectBlock(
                            source, rowOffsets, weights.Slice(((grp * blocks) + b) * blockLength, blockLength),
                            y.Slice(((n * g.OutChannels) + oc0) * outPlane, count * outPlane), blockBias,
                            icg, hp, wp, g.KernelHeight, g.KernelWidth, g.OutHeight, g.OutWidth, count, relu);
                        switch (width)
                        {
                            case VectorWidth.V512: DirectRows<Simd512, Vector512<float>>(in block, oy0, oy1); break;
                            case VectorWidth.V256: DirectRows<Simd256, Vector256<float>>(in block, oy0, oy1); break;
                            case VectorWidth.V128: DirectRows<Simd128, Vector128<float>>(in block, oy0, oy1); break;
                            default: DirectScalar(in block, oy0, oy1); break;
                        }
                    }
                }
            }
        }
    }

    // Output rows per band: the band's input rows (band + kH - 1 per channel) should fit in DirectBandBudget.
    private static int DirectBandRows(int channels, int wp, int kH, int outH)
    {
        long rowBytes = (long)channels * wp * sizeof(float);
        long rows = (DirectBandBudget / Math.Max(1, rowBytes)) - (kH - 1);
        return (int)Math.Clamp(rows, 1, outH);
    }

    /// <summary>dst [c, h + 2 pH, w + 2 pW] = src [c, h, w] surrounded by zeros.</summary>
    private static void PadInput(ReadOnlySpan<float> src, Span<float> dst, int channels, int h, int w, int pH, int pW)
    {
        int wp = w + (2 * pW), hp = h + (2 * pH);
        for (int c = 0; c < channels; c++)
        {
            Span<float> plane = dst.Slice(c * hp * wp, hp * wp);
            plane[..(pH * wp)].Clear();
            plane[((pH + h) * wp)..].Clear();
            for (int r = 0; r < h; r++)
            {
                Span<float> row = plane.Slice((pH + r) * wp, wp);
                row[..pW].Clear();
                src.Slice(((c * h) + r) * w, w).CopyTo(row[pW..]);
                row[(pW + w)..].Clear();
            }
        }
    }

    /// <summary>One block of up to OcBlock output channels of one group and image (Note [Direct conv layout]).</summary>
    private readonly ref struct DirectBlock(
        ReadOnlySpan<float> source, ReadOnlySpan<nint> rowOffsets, ReadOnlySpan<float> weights, Span<float> y, ReadOnlySpan<float> bias,
        int channels, int hp, int wp, int kH, int kW, int outH, int outW, int count, bool relu)
    {
        public readonly ReadOnlySpan<float> Source = source; // [channels, hp, wp]
        public readonly ReadOnlySpan<nint> RowOffsets = rowOffsets; // ic * hp * wp + kh * wp, for (ic, kh) in weight order
        public readonly ReadOnlySpan<float> Weights = weights; // [channels, kH, kW, OcBlock]
        public readonly Span<float> Y = y; // [count, outH, outW]
        public readonly ReadOnlySpan<float> Bias = bias; // OcBlock values, 0 past count
        public readonly int Channels = channels, Hp = hp, Wp = wp, KH = kH, KW = kW, OutH = outH, OutW = outW, Count = count;
        public readonly bool Relu = relu;
    }
}
