using TorchJit.Kernels;

namespace TorchJit.Ir;

/// <summary>
/// Ops that only the optimizer writes (namespace <c>torchjit::</c>): a GEMM or convolution with its bias and
/// activation applied while the output tile is still in registers, instead of a second pass over memory.
/// Each gives the same bits as the ops it replaces, since ReLU is exact.
/// </summary>
public static partial class AtenOps
{
    /// <summary><c>relu(linear(input, weight, bias))</c> in one pass (the packed GEMM's ReLU epilogue).</summary>
    [Schema("torchjit::linear_relu(Tensor input, Tensor weight, Tensor? bias) -> Tensor", OpTraits.Pure)]
    public static Tensor linear_relu(Tensor input, Tensor weight, Tensor? bias) => Linear(input, weight, bias, Epilogue.Relu);

    internal static void linear_relu_out(Tensor input, Tensor weight, Tensor? bias, Tensor @out) => LinearInto("torchjit::linear_relu", input, weight, bias, Epilogue.Relu, @out);

    internal static JitType linear_relu_type(IReadOnlyList<JitType> inputs, IReadOnlyList<IValue?> constants) => linear_type(inputs, constants);

    /// <summary><c>relu(conv2d(...))</c> in one pass (the ReLU runs in the convolution's bias pass).</summary>
    [Schema("torchjit::conv2d_relu(Tensor input, Tensor weight, Tensor? bias, int[2] stride, int[2] padding, int[2] dilation, int groups) -> Tensor", OpTraits.Pure)]
    public static Tensor conv2d_relu(Tensor input, Tensor weight, Tensor? bias, long[] stride, long[] padding, long[] dilation, long groups) =>
        Conv2d("torchjit::conv2d_relu", input, weight, bias, stride, padding, dilation, groups, relu: true);

    internal static void conv2d_relu_out(Tensor input, Tensor weight, Tensor? bias, long[] stride, long[] padding, long[] dilation, long groups, Tensor @out) =>
        Conv2dInto("torchjit::conv2d_relu", input, weight, bias, stride, padding, dilation, groups, relu: true, @out);
}

/// <summary>A linear layer with a smooth activation applied to its output in place (one node, one buffer).</summary>
public static partial class AtenOps
{
    /// <summary>
    /// <c>activation(linear(input, weight, bias))</c> for <c>gelu</c>, <c>gelu_tanh</c>, <c>silu</c>,
    /// <c>sigmoid</c> or <c>tanh</c>: the activation runs over the GEMM's output in place, saving the second
    /// tensor; the same operator structs as the unfused ops, so the same bits.
    /// </summary>
    [Schema("torchjit::linear_activation(Tensor input, Tensor weight, Tensor? bias, str activation) -> Tensor", OpTraits.Pure)]
    public static Tensor linear_activation(Tensor input, Tensor weight, Tensor? bias, string activation)
    {
        var y = Linear(input, weight, bias, Epilogue.None);
        Activate(y.Float32Span, activation);
        return y;
    }

    internal static void linear_activation_out(Tensor input, Tensor weight, Tensor? bias, string activation, Tensor @out)
    {
        LinearInto("torchjit::linear_activation", input, weight, bias, Epilogue.None, @out);
        Activate(@out.Float32Span, activation);
    }

    private static void Activate(Span<float> span, string activation)
    {
        switch (activation)
        {
            case "gelu": Elementwise.Unary<GeluOperator>(span, span); break;
            case "gelu_tanh": Elementwise.Unary<GeluTanhOperator>(span, span); break;
            case "silu": Elementwise.Unary<SiluOperator>(span, span); break;
            case "sigmoid": Elementwise.Unary<SigmoidOperator>(span, span); break;
            case "tanh": Elementwise.Unary<TanhOperator>(span, span); break;
            default: throw new NotSupportedException($"torchjit::linear_activation: activation '{activation}' is not one of gelu, gelu_tanh, silu, sigmoid, tanh");
        }
    }

    internal static JitType linear_activation_type(IReadOnlyList<JitType> inputs, IReadOnlyList<IValue?> constants) => linear_type(inputs, constants);
}
