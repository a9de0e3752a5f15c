namespace TorchJit.Kernels;

/// <summary>
/// Geometry of a 2-D convolution (or pooling window) over a contiguous NCHW float tensor, with PyTorch's
/// meaning for every field. The constructor checks the sizes and throws <see cref="ArgumentException"/>
/// naming them; the kernels check again, because <c>with</c> expressions and <c>default</c> skip the constructor.
/// </summary>
/// <param name="Batch">N, at least 0.</param>
/// <param name="InChannels">Input channels, a multiple of <paramref name="Groups"/>.</param>
/// <param name="InHeight">Input height.</param>
/// <param name="InWidth">Input width.</param>
/// <param name="OutChannels">Output channels, a multiple of <paramref name="Groups"/>.</param>
/// <param name="KernelHeight">Kernel height.</param>
/// <param name="KernelWidth">Kernel width.</param>
/// <param name="StrideH">Vertical stride.</param>
/// <param name="StrideW">Horizontal stride.</param>
/// <param name="PadH">Zero padding above and below.</param>
/// <param name="PadW">Zero padding left and right.</param>
/// <param name="DilationH">Vertical spacing between kernel taps.</param>
/// <param name="DilationW">Horizontal spacing between kernel taps.</param>
/// <param name="Groups">Channel groups: each sees InChannels/Groups inputs and makes OutChannels/Groups outputs.</param>
public readonly record struct Conv2dGeometry(
    int Batch, int InChannels, int InHeight, int InWidth, int OutChannels, int KernelHeight, int KernelWidth,
    int StrideH = 1, int StrideW = 1, int PadH = 0, int PadW = 0, int DilationH = 1, int DilationW = 1, int Groups = 1)
{
    private const string Op = "Conv2d";

    // Runs the checks as part of the primary constructor (a record struct has no constructor body).
    private readonly bool _checkedOnConstruction = Check(
        Batch, InChannels, InHeight, InWidth, OutChannels, KernelHeight, KernelWidth,
        StrideH, StrideW, PadH, PadW, DilationH, DilationW, Groups);

    /// <summary>Output height, (InHeight + 2 PadH - DilationH (KernelHeight - 1) - 1) / StrideH + 1.</summary>
    public int OutHeight => ((InHeight + (2 * PadH) - (DilationH * (KernelHeight - 1)) - 1) / StrideH) + 1;

    /// <summary>Output width, (InWidth + 2 PadW - DilationW (KernelWidth - 1) - 1) / StrideW + 1.</summary>
    public int OutWidth => ((InWidth + (2 * PadW) - (DilationW * (KernelWidth - 1)) - 1) / StrideW) + 1;

    /// <summary>Input channels each group reads.</summary>
    public int InChannelsPerGroup => InChannels / Groups;

    /// <summary>Output channels each group writes.</summary>
    public int OutChannelsPerGroup => OutChannels / Groups;

    /// <summary>Throws <see cref="ArgumentException"/> naming the sizes if this geometry is not a valid convolution.</summary>
    public void Validate() => Check(
        Batch, InChannels, InHeight, InWidth, OutChannels, KernelHeight, KernelWidth,
        StrideH, StrideW, PadH, PadW, DilationH, DilationW, Groups);

    /// <summary>True when two geometries need the same weights and the same algorithm: only N, H and W may differ.</summary>
    internal bool SameWeightsAs(in Conv2dGeometry other) =>
        InChannels == other.InChannels && OutChannels == other.OutChannels &&
        KernelHeight == other.KernelHeight && KernelWidth == other.KernelWidth &&
        StrideH == other.StrideH && StrideW == other.StrideW && PadH == other.PadH && PadW == other.PadW &&
        DilationH == other.DilationH && DilationW == other.DilationW && Groups == other.Groups;

    private static bool Check(
        int batch, int inChannels, int inHeight, int inWidth, int outChannels, int kernelHeight, int kernelWidth,
        int strideH, int strideW, int padH, int padW, int dilationH, int dilationW, int groups)
    {
        ConvShape.RequireChannels(Op, batch, inChannels, outChannels, groups);
        ConvShape.OutputSize(Op, "height", inHeight, kernelHeight, strideH, padH, dilationH);
        ConvShape.OutputSize(Op, "width", inWidth, kernelWidth, strideW, padW, dilationW);
        return true;
    }
}
