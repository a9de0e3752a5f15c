namespace TorchJit.Kernels;

/// <summary>How <see cref="Conv.Conv2d"/> computes a convolution; chosen once, by <see cref="Conv.PackWeights"/>.</summary>
public enum ConvAlgorithm
{
    /// <summary>
    /// Unfold each group's receptive fields into a [InChannels/Groups * kH * kW, outH * outW] matrix (im2col)
    /// and multiply the group's [OutChannels/Groups, InChannels/Groups * kH * kW] weight matrix by it.
    /// The general fallback.
    /// </summary>
    Im2ColGemm,

    /// <summary>1x1 kernel, stride 1, no padding: the input already is the column matrix, so plain GEMM.</summary>
    Pointwise,

    /// <summary>
    /// One input channel per group (depthwise, groups == InChannels): a direct loop per output channel,
    /// vectorized along the output row when the horizontal stride is 1.
    /// </summary>
    Depthwise,

    /// <summary>
    /// Stride 1, dilation 1, kernel larger than 1x1, at least two input channels per group (the 3x3 pad 1
    /// case): a direct convolution over a zero-padded copy of the input, blocks of 4 output channels times
    /// 2 vectors of output pixels held in registers, weights interleaved by output-channel block.
    /// </summary>
    Direct,
}
