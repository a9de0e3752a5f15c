using TorchJit.Kernels;

namespace TorchJit.Ir;

/// <summary>2-D pooling over [N, C, H, W] (or [C, H, W]).</summary>
/// <remarks>
/// Each op computes into <c>out</c>, or into a new tensor when <c>out</c> is null (the allocating op); a 3-D
/// input is one image, whose elements are those of the [1, C, H, W] batch, so no view is made.
/// </remarks>
public static partial class AtenOps
{
    /// <summary>Max pooling; NaN in a window gives NaN.</summary>
    [Schema("aten::max_pool2d(Tensor self, int[2] kernel_size, int[2] stride=[], int[2] padding=0, int[2] dilation=1, bool ceil_mode=False) -> Tensor")]
    public static Tensor max_pool2d(Tensor self, long[] kernel_size, long[] stride, long[] padding, long[] dilation, bool ceil_mode) =>
        MaxPool2dInto(self, kernel_size, stride, padding, dilation, ceil_mode, null)!;

    internal static void max_pool2d_out(Tensor self, long[] kernel_size, long[] stride, long[] padding, long[] dilation, bool ceil_mode, Tensor @out) =>
        MaxPool2dInto(self, kernel_size, stride, padding, dilation, ceil_mode, @out);

    /// <summary>Average pooling (padding counted by default).</summary>
    [Schema("aten::avg_pool2d(Tensor self, int[2] kernel_size, int[2] stride=[], int[2] padding=0, bool ceil_mode=False, bool count_include_pad=True, int? divisor_override=None) -> Tensor")]
    public static Tensor avg_pool2d(Tensor self, long[] kernel_size, long[] stride, long[] padding, bool ceil_mode, bool count_include_pad, long? divisor_override) =>
        AvgPool2dInto(self, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override, null)!;

    internal static void avg_pool2d_out(Tensor self, long[] kernel_size, long[] stride, long[] padding, bool ceil_mode, bool count_include_pad, long? divisor_override, Tensor @out) =>
        AvgPool2dInto(self, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override, @out);

    /// <summary>Average pooling to a fixed output size.</summary>
    [Schema("aten::adaptive_avg_pool2d(Tensor self, SymInt[2] output_size) -> Tensor")]
    public static Tensor adaptive_avg_pool2d(Tensor self, long[] output_size) => AdaptiveAvgPool2dInto(self, output_size, null)!;

    internal static void adaptive_avg_pool2d_out(Tensor self, long[] output_size, Tensor @out) => AdaptiveAvgPool2dInto(self, output_size, @out);

    private static Tensor? MaxPool2dInto(Tensor self, long[] kernel_size, long[] stride, long[] padding, long[] dilation, bool ceil_mode, Tensor? @out)
    {
        const string op = "aten::max_pool2d";
        var (n, c, h, w, batched) = Nchw(op, self);
        var (kh, kw) = Pair(op, "kernel_size", kernel_size);
        var (sh, sw) = stride.Length == 0 ? (kh, kw) : Pair(op, "stride", stride);
        var (ph, pw) = Pair(op, "padding", padding);
        var (dh, dw) = Pair(op, "dilation", dilation);
        if (ph * 2 > kh || pw * 2 > kw) throw new ArgumentException($"{op}: pad should be at most half of effective kernel size, but got pad=[{ph}, {pw}] and kernel_size=[{kh}, {kw}]");
        int oh = OutSize(op, h, kh, sh, ph, dh, ceil_mode), ow = OutSize(op, w, kw, sw, pw, dw, ceil_mode);
        var x = Operands.Dense(op, self, ref OutScratch.Left);
        var result = PoolResult(op, n, c, oh, ow, batched, @out);
        Pooling.MaxPool2d(x, n, c, h, w, kh, kw, sh, sw, ph, pw, dh, dw, ceil_mode, result.Float32Span, out _, out _);
        return @out is null ? result : null;
    }

    private static Tensor? AvgPool2dInto(Tensor self, long[] kernel_size, long[] stride, long[] padding, bool ceil_mode, bool count_include_pad, long? divisor_override, Tensor? @out)
    {
        const string op = "aten::avg_pool2d";
        if (divisor_override is not null) throw new NotSupportedException($"{op}: divisor_override is not supported yet");
        var (n, c, h, w, batched) = Nchw(op, self);
        var (kh, kw) = Pair(op, "kernel_size", kernel_size);
        var (sh, sw) = stride.Length == 0 ? (kh, kw) : Pair(op, "stride", stride);
        var (ph, pw) = Pair(op, "padding", padding);
        if (ph * 2 > kh || pw * 2 > kw) throw new ArgumentException($"{op}: pad should be at most half of kernel size, but got pad=[{ph}, {pw}] and kernel_size=[{kh}, {kw}]");
        int oh = OutSize(op, h, kh, sh, ph, 1, ceil_mode), ow = OutSize(op, w, kw, sw, pw, 1, ceil_mode);
        var x = Operands.Dense(op, self, ref OutScratch.Left);
        var result = PoolResult(op, n, c, oh, ow, batched, @out);
        Pooling.AvgPool2d(x, n, c, h, w, kh, kw, sh, sw, ph, pw, ceil_mode, count_include_pad, result.Float32Span, out _, out _);
        return @out is null ? result : null;
    }

    private static Tensor? AdaptiveAvgPool2dInto(Tensor self, long[] output_size, Tensor? @out)
    {
        const string op = "aten::adaptive_avg_pool2d";
        var (n, c, h, w, batched) = Nchw(op, self);
        var (oh, ow) = Pair(op, "output_size", output_size);
        if (oh <= 0 || ow <= 0) throw new ArgumentException($"{op}: output_size must be positive, got [{oh}, {ow}]");
        var x = Operands.Dense(op, self, ref OutScratch.Left);
        var result = PoolResult(op, n, c, oh, ow, batched, @out);
        Pooling.AdaptiveAvgPool2d(x, n, c, h, w, oh, ow, result.Float32Span);
        return @out is null ? result : null;
    }

    // out checked against [N, C, oh, ow] ([C, oh, ow] for one image), or a new tensor of that shape.
    private static Tensor PoolResult(string op, int n, int c, int oh, int ow, bool batched, Tensor? @out)
    {
        Span<int> shape = [n, c, oh, ow];
        if (!batched) shape = shape[1..];
        if (@out is null) return Tensor.Empty(DType.Float32, shape);
        @out.RequireOut(op, DType.Float32, shape);
        return @out;
    }

    private static (int N, int C, int H, int W, bool Batched) Nchw(string op, Tensor self)
    {
        if (self.Dim is not (3 or 4)) throw new ArgumentException($"{op}: expected 3-D or 4-D input [N, C, H, W], got {self.Describe()}");
        var s = self.Shape;
        return (self.Dim == 4 ? s[0] : 1, s[^3], s[^2], s[^1], self.Dim == 4);
    }

    private static int OutSize(string op, int input, int kernel, int stride, int pad, int dilation, bool ceil)
    {
        if (kernel <= 0 || stride <= 0 || dilation <= 0) throw new ArgumentException($"{op}: kernel_size, stride and dilation must be positive");
        int size = Pooling.OutputSize(input, kernel, stride, pad, dilation, ceil);
        if (size <= 0) throw new ArgumentException($"{op}: output size is too small (input {input}, kernel {kernel}, stride {stride}, padding {pad}, dilation {dilation})");
        return size;
    }
}
