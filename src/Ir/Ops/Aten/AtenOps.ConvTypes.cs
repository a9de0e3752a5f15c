using TorchJit.Kernels;

namespace TorchJit.Ir;

/// <summary>
/// Output types of the convolutions and max pooling, so a plan specialized to an input signature knows their
/// sizes (and the rank checks in front of them fold away). The sizes come from the kernels' own geometry.
/// </summary>
public static partial class AtenOps
{
    internal static JitType conv2d_type(IReadOnlyList<JitType> inputs, IReadOnlyList<IValue?> constants) => ConvType("aten::conv2d", inputs, constants);

    internal static JitType conv2d_relu_type(IReadOnlyList<JitType> inputs, IReadOnlyList<IValue?> constants) => ConvType("torchjit::conv2d_relu", inputs, constants);

    internal static JitType max_pool2d_type(IReadOnlyList<JitType> inputs, IReadOnlyList<IValue?> constants)
    {
        if (inputs[0] is not TensorType { Sizes: { Length: 3 or 4 } x } || constants.Count < 6 || constants[1] is not { } k
            || constants[2] is not { } s || constants[3] is not { } p || constants[4] is not { } d || constants[5] is not { } ceil)
        {
            return new TensorType(DType.Float32, null, null);
        }

        const string op = "aten::max_pool2d";
        var (kh, kw) = Pair(op, "kernel_size", k.ToIntList());
        var (sh, sw) = s.ToIntList().Length == 0 ? (kh, kw) : Pair(op, "stride", s.ToIntList());
        var (ph, pw) = Pair(op, "padding", p.ToIntList());
        var (dh, dw) = Pair(op, "dilation", d.ToIntList());
        var shape = (int[])x.Clone();
        shape[^2] = Pooling.OutputSize(x[^2], kh, sh, ph, dh, ceil.ToBool());
        shape[^1] = Pooling.OutputSize(x[^1], kw, sw, pw, dw, ceil.ToBool());
        return OutputTypes.Complete(DType.Float32, shape);
    }

    // [N, C, H, W] (or [C, H, W]) with weight [out, in/groups, kH, kW]; unknown when a size or argument is.
    private static JitType ConvType(string op, IReadOnlyList<JitType> inputs, IReadOnlyList<IValue?> constants)
    {
        if (inputs[0] is not TensorType { Sizes: { Length: 3 or 4 } x } || inputs[1] is not TensorType { Sizes: { Length: 4 } w }
            || constants.Count < 7 || constants[3] is not { } s || constants[4] is not { } p || constants[5] is not { } d || constants[6] is not { } groups)
        {
            return new TensorType(DType.Float32, null, null);
        }

        bool batched = x.Length == 4;
        int n = batched ? x[0] : 1, c = x[^3], h = x[^2], width = x[^1];
        long g = groups.ToInt();
        if (g <= 0 || c != w[1] * g || w[0] % g != 0)
            throw new ArgumentException($"{op}: input [{string.Join(", ", x)}] with weight [{string.Join(", ", w)}] and groups {g}: expected input channels {w[1] * g}, got {c}");
        var (sh, sw) = Pair(op, "stride", s.ToIntList());
        var (ph, pw) = Pair(op, "padding", p.ToIntList());
        var (dh, dw) = Pair(op, "dilation", d.ToIntList());
        var geometry = new Conv2dGeometry(n, c, h, width, w[0], w[2], w[3], sh, sw, ph, pw, dh, dw, (int)g);
        int[] shape = batched ? [n, w[0], geometry.OutHeight, geometry.OutWidth] : [w[0], geometry.OutHeight, geometry.OutWidth];
        return OutputTypes.Complete(DType.Float32, shape);
    }
}
