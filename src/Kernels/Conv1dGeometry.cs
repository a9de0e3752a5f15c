namespace TorchJit.Kernels;

/// <summary>
/// Geometry of a 1-D convolution over a contiguous NCL float tensor (PyTorch <c>conv1d</c>), run as a
/// <see cref="Conv2dGeometry"/> with height 1. Checked on construction like the 2-D geometry.
/// </summary>
/// <param name="Batch">N, at least 0.</param>
/// <param name="InChannels">Input channels, a multiple of <paramref name="Groups"/>.</param>
/// <param name="InLength">Input length L.</param>
/// <param name="OutChannels">Output channels, a multiple of <paramref name="Groups"/>.</param>
/// <param name="KernelSize">Kernel taps.</param>
/// <param name="Stride">Stride.</param>
/// <param name="Padding">Zero padding on both ends.</param>
/// <param name="Dilation">Spacing between kernel taps.</param>
/// <param name="Groups">Channel groups.</param>
public readonly record struct Conv1dGeometry(
    int Batch, int InChannels, int InLength, int OutChannels, int KernelSize,
    int Stride = 1, int Padding = 0, int Dilation = 1, int Groups = 1)
{
    private const string Op = "Conv1d";

    // As in Conv2dGeometry: the checks run with the primary constructor.
    private readonly bool _checkedOnConstruction = Check(
        Batch, InChannels, InLength, OutChannels, KernelSize, Stride, Padding, Dilation, Groups);

    /// <summary>Output length, (InLength + 2 Padding - Dilation (KernelSize - 1) - 1) / Stride + 1.</summary>
    public int OutLength => ((InLength + (2 * Padding) - (Dilation * (KernelSize - 1)) - 1) / Stride) + 1;

    /// <summary>Throws <see cref="ArgumentException"/> naming the sizes if this geometry is not a valid convolution.</summary>
    public void Validate() => Check(Batch, InChannels, InLength, OutChannels, KernelSize, Stride, Padding, Dilation, Groups);

    /// <summary>The same convolution as a 2-D one over [N, C, 1, L] with a [outC, inC/groups, 1, k] weight.</summary>
    public Conv2dGeometry ToConv2d() => new(
        Batch, InChannels, 1, InLength, OutChannels, 1, KernelSize,
        StrideH: 1, StrideW: Stride, PadH: 0, PadW: Padding, DilationH: 1, DilationW: Dilation, Groups: Groups);

    private static bool Check(
        int batch, int inChannels, int inLength, int outChannels, int kernelSize, int stride, int padding, int dilation, int groups)
    {
        ConvShape.RequireChannels(Op, batch, inChannels, outChannels, groups);
        ConvShape.OutputSize(Op, "length", inLength, kernelSize, stride, padding, dilation);
        return true;
    }
}
