using TorchJit.Kernels;

namespace TorchJit.Ir;

/// <summary>Convolutions over NCHW / NCL, weights packed once per weight tensor (and repacked if it changes).</summary>
public static partial class AtenOps
{
    private static readonly TensorDerivedCache<Conv2dGeometry, PackedConvWeights> PackedWeights =
        new((w, g) => Conv.PackWeights(Operands.AsFloat("aten::conv2d", w), g));

    /// <summary>2-D convolution (stride, padding, dilation and groups as in PyTorch; 1-element lists repeat).</summary>
    [Schema("aten::conv2d(Tensor input, Tensor weight, Tensor? bias=None, int[2] stride=1, int[2] padding=0, int[2] dilation=1, int groups=1) -> Tensor")]
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor? bias, long[] stride, long[] padding, long[] dilation, long groups) =>
        Conv2d("aten::conv2d", input, weight, bias, stride, padding, dilation, groups, relu: false);

    internal static void conv2d_out(Tensor input, Tensor weight, Tensor? bias, long[] stride, long[] padding, long[] dilation, long groups, Tensor @out) =>
        Conv2dInto("aten::conv2d", input, weight, bias, stride, padding, dilation, groups, relu: false, @out);

    // conv2d, and with relu the fused torchjit::conv2d_relu: the ReLU runs in the kernel's bias pass.
    private static Tensor Conv2d(string op, Tensor input, Tensor weight, Tensor? bias, long[] stride, long[] padding, long[] dilation, long groups, bool relu) =>
        Conv2dInto(op, input, weight, bias, stride, padding, dilation, groups, relu, null)!;

    // The convolution into out, or into a new tensor when out is null (returned). A 3-D input is one image:
    // its elements are those of the [1, C, H, W] batch, so no view is made.
    private static Tensor? Conv2dInto(string op, Tensor input, Tensor weight, Tensor? bias, long[] stride, long[] padding, long[] dilation, long groups, bool relu, Tensor? @out)
    {
        bool batched = input.Dim == 4;
        if (!batched && input.Dim != 3) throw new ArgumentException($"{op}: expected 3-D or 4-D input [N, C, H, W], got {input.Describe()}");
        if (weight.Dim != 4) throw new ArgumentException($"{op}: weight must be 4-D [out, in/groups, kH, kW], got {weight.Describe()}");
        var shape = input.Shape;
        int n = batched ? shape[0] : 1, c = shape[^3], h = shape[^2], w = shape[^1];
        int outC = weight.Shape[0];
        if (groups <= 0 || c != weight.Shape[1] * groups || outC % groups != 0)
            throw new ArgumentException($"{op}: input {input.Describe()} with weight {weight.Describe()} and groups {groups}: expected input channels {weight.Shape[1] * groups}, got {c}");
        if (bias is not null && bias.NumElements != outC) throw new ArgumentException($"{op}: bias must have {outC} elements, got {bias.Describe()}");
        var (sh, sw) = Pair(op, "stride", stride);
        var (ph, pw) = Pair(op, "padding", padding);
        var (dh, dw) = Pair(op, "dilation", dilation);
        Conv2dGeometry g;
        try
        {
            g = new Conv2dGeometry(n, c, h, w, outC, weight.Shape[2], weight.Shape[3], sh, sw, ph, pw, dh, dw, (int)groups);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{op}: input {input.Describe()}, weight {weight.Describe()}: {e.Message}", e);
        }

        var packed = Packed(weight, g);
        Span<int> outShape = [n, outC, g.OutHeight, g.OutWidth];
        if (!batched) outShape = outShape[1..];
        var result = @out ?? Tensor.Empty(DType.Float32, outShape);
        var x = Operands.Dense(op, input, ref OutScratch.Left);
        var b = Operands.DenseOrEmpty(op, bias, ref OutScratch.Third);
        result.RequireOut(op, DType.Float32, outShape);
        Conv.Conv2d(x, packed, b, result.Float32Span, g, relu);
        return @out is null ? result : null;
    }

    /// <summary>1-D convolution, as a 2-D one of height 1.</summary>
    [Schema("aten::conv1d(Tensor input, Tensor weight, Tensor? bias=None, int[1] stride=1, int[1] padding=0, int[1] dilation=1, int groups=1) -> Tensor")]
    public static Tensor conv1d(Tensor input, Tensor weight, Tensor? bias, long[] stride, long[] padding, long[] dilation, long groups)
    {
        const string op = "aten::conv1d";
        bool batched = input.Dim == 3;
        if (!batched && input.Dim != 2) throw new ArgumentException($"{op}: expected 2-D or 3-D input [N, C, L], got {input.Describe()}");
        if (weight.Dim != 3) throw new ArgumentException($"{op}: weight must be 3-D [out, in/groups, k], got {weight.Describe()}");
        var x = unsqueeze(batched ? input : unsqueeze(input, 0), 2);
        var y = conv2d(x, unsqueeze(weight, 2), bias, [1, One(op, "stride", stride)], [0, One(op, "padding", padding)], [1, One(op, "dilation", dilation)], groups);
        y = squeeze(y, 2);
        return batched ? y : squeeze(y, 0);
    }

    private static PackedConvWeights Packed(Tensor weight, in Conv2dGeometry g) =>
        PackedWeights.Get(weight, g, static (packedFor, wanted) => packedFor.SameWeights(wanted));

    private static (int, int) Pair(string op, string name, long[] values) => values.Length switch
    {
        1 => ((int)values[0], (int)values[0]),
        2 => ((int)values[0], (int)values[1]),
        _ => throw new ArgumentException($"{op}: {name} must have 1 or 2 elements, got [{string.Join(", ", values)}]"),
    };

    private static long One(string op, string name, long[] values) =>
        values.Length == 1 ? values[0] : throw new ArgumentException($"{op}: {name} must have 1 element, got [{string.Join(", ", values)}]");
}
