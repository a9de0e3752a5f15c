using TorchJit.Kernels;

namespace TorchJit.Ir;

/// <summary>Whether packed weights made for one geometry serve another (same weights layout and window; the kernel accepts any batch and input size).</summary>
internal static class ConvGeometryExtensions
{
    public static bool SameWeights(this Conv2dGeometry a, in Conv2dGeometry b) =>
        a.InChannels == b.InChannels && a.OutChannels == b.OutChannels && a.KernelHeight == b.KernelHeight && a.KernelWidth == b.KernelWidth
        && a.Groups == b.Groups
        && a.StrideH == b.StrideH && a.StrideW == b.StrideW && a.PadH == b.PadH && a.PadW == b.PadW && a.DilationH == b.DilationH && a.DilationW == b.DilationW;
}
