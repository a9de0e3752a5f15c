namespace TorchJit.Kernels;

/// <summary>
/// 2-D max and average pooling over contiguous NCHW float tensors with PyTorch semantics
/// (aten/src/ATen/native/Pool.h and cpu/MaxPoolKernel.cpp, AvgPoolKernel.cpp, AdaptiveAvgPoolKernel.cpp).
/// </summary>
/// <remarks>
/// Each window is reduced in two steps, rows then columns (Note [Pooling rows then columns]), so sums are
/// added in a different order than PyTorch's row-major loop (tests allow atol 1e-4 + rtol 1e-4); maxima
/// are exact. Scratch rows come from a grow-only thread-static buffer; outputs must not overlap inputs.
/// </remarks>
public static partial class Pooling
{
    /// <summary>
    /// PyTorch's <c>pooling_output_shape</c>: floor((input + 2 pad - dilation (kernel - 1) - 1 [+ stride - 1 if
    /// ceilMode]) / stride) + 1, minus one in ceil mode when the last window would start past the input and its
    /// left padding. Can be 0 or negative when the window does not fit; the pooling kernels reject that.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// A size is out of range, or pad is more than half the effective kernel size (dilation (kernel - 1) + 1) / 2.
    /// </exception>
    public static int OutputSize(int input, int kernel, int stride, int pad, int dilation, bool ceilMode)
    {
        const string op = "pooling_output_shape";
        ConvShape.RequireAtLeast(op, "input size", input, 0);
        ConvShape.RequireAtLeast(op, "kernel size", kernel, 1);
        ConvShape.RequireAtLeast(op, "stride", stride, 1);
        ConvShape.RequireAtLeast(op, "padding", pad, 0);
        ConvShape.RequireAtLeast(op, "dilation", dilation, 1);
        long effectiveKernel = ((long)dilation * (kernel - 1)) + 1;
        if (pad > effectiveKernel / 2)
        {
            throw new ArgumentException(
                $"{op}: pad should be at most half of effective kernel size, but got pad = {pad}, kernel_size = {kernel} and dilation = {dilation}");
        }

        long numerator = input + (2L * pad) - effectiveKernel + (ceilMode ? stride - 1 : 0);
        long output = FloorDiv(numerator, stride) + 1;

        // Ceil mode may add a window that starts in the right padding; PyTorch drops it.
        if (ceilMode && (output - 1) * stride >= input + (long)pad)
        {
            output--;
        }

        return (int)Math.Clamp(output, int.MinValue, int.MaxValue);
    }

    /// <summary>
    /// max_pool2d: y [n, c, outH, outW] = max over each kH x kW window (taps dH, dW apart, padding counts as
    /// -inf). A NaN anywhere in a window makes that output NaN, as in PyTorch.
    /// </summary>
    /// <exception cref="ArgumentException">A size is out of range, padding exceeds half the kernel, the output would be empty, or a span has the wrong length.</exception>
    public static void MaxPool2d(
        ReadOnlySpan<float> x, int n, int c, int h, int w, int kH, int kW, int sH, int sW, int pH, int pW, int dH, int dW,
        bool ceilMode, Span<float> y, out int outH, out int outW) =>
        MaxPool2dAt(x, n, c, h, w, kH, kW, sH, sW, pH, pW, dH, dW, ceilMode, y, out outH, out outW, VectorWidths.Resolve(VectorWidth.Best));

    /// <summary>
    /// avg_pool2d: y = sum over each kH x kW window / divisor. With <paramref name="countIncludePad"/> the
    /// divisor counts the padding inside the window (but not a ceil-mode overhang past it); without, only real
    /// inputs. A window with no real input gives 0.
    /// </summary>
    /// <exception cref="ArgumentException">A size is out of range, padding exceeds half the kernel, the output would be empty, or a span has the wrong length.</exception>
    public static void AvgPool2d(
        ReadOnlySpan<float> x, int n, int c, int h, int w, int kH, int kW, int sH, int sW, int pH, int pW,
        bool ceilMode, bool countIncludePad, Span<float> y, out int outH, out int outW) =>
        AvgPool2dAt(x, n, c, h, w, kH, kW, sH, sW, pH, pW, ceilMode, countIncludePad, y, out outH, out outW, VectorWidths.Resolve(VectorWidth.Best));

    /// <summary>
    /// adaptive_avg_pool2d to [n, c, outH, outW]: output (i, j) averages rows floor(i h / outH) .. ceil((i + 1) h / outH)
    /// and the columns likewise; windows may overlap when the sizes do not divide.
    /// </summary>
    /// <exception cref="ArgumentException">A size is out of range or a span has the wrong length.</exception>
    public static void AdaptiveAvgPool2d(ReadOnlySpan<float> x, int n, int c, int h, int w, int outH, int outW, Span<float> y) =>
        AdaptiveAvgPool2dAt(x, n, c, h, w, outH, outW, y, VectorWidths.Resolve(VectorWidth.Best));

    internal static void MaxPool2dAt(
        ReadOnlySpan<float> x, int n, int c, int h, int w, int kH, int kW, int sH, int sW, int pH, int pW, int dH, int dW,
        bool ceilMode, Span<float> y, out int outH, out int outW, VectorWidth resolved)
    {
        var win = PoolWindow.Create("MaxPool2d", n, c, h, w, kH, kW, sH, sW, pH, pW, dH, dW, ceilMode);
        RequireSpans("MaxPool2d", x, y, in win);
        (outH, outW) = (win.OutH, win.OutW);
        if (!TryPoolPairs<MaxOp>(x, y, in win, averaging: false, resolved))
        {
            PoolPlanes<MaxOp>(x, y, in win, averaging: false, countIncludePad: false, resolved);
        }
    }

    internal static void AvgPool2dAt(
        ReadOnlySpan<float> x, int n, int c, int h, int w, int kH, int kW, int sH, int sW, int pH, int pW,
        bool ceilMode, bool countIncludePad, Span<float> y, out int outH, out int outW, VectorWidth resolved)
    {
        var win = PoolWindow.Create("AvgPool2d", n, c, h, w, kH, kW, sH, sW, pH, pW, 1, 1, ceilMode);
        RequireSpans("AvgPool2d", x, y, in win);
        (outH, outW) = (win.OutH, win.OutW);
        if (!TryPoolPairs<SumOp>(x, y, in win, averaging: true, resolved))
        {
            PoolPlanes<SumOp>(x, y, in win, averaging: true, countIncludePad, resolved);
        }
    }

    private static void RequireSpans(string op, ReadOnlySpan<float> x, Span<float> y, in PoolWindow win)
    {
        ConvShape.RequireLength(op, nameof(x), x.Length, win.N, win.C, win.H, win.W);
        ConvShape.RequireLength(op, nameof(y), y.Length, win.N, win.C, win.OutH, win.OutW);
    }

    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);
}
