using TorchJit.Kernels;

namespace TorchJit.Ir;

/// <summary>Normalizations (inference): layer, batch (running statistics) and group norm.</summary>
public static partial class AtenOps
{
    /// <summary>Normalizes over the trailing <paramref name="normalized_shape"/> dims.</summary>
    [Schema("aten::layer_norm(Tensor input, int[] normalized_shape, Tensor? weight=None, Tensor? bias=None, float eps=1e-05, bool cudnn_enable=True) -> Tensor")]
    public static Tensor layer_norm(Tensor input, long[] normalized_shape, Tensor? weight, Tensor? bias, double eps, bool cudnn_enable)
    {
        const string op = "aten::layer_norm";
        var (rows, cols) = LayerNormRows(op, input, normalized_shape, weight, bias);
        var result = Tensor.Empty(DType.Float32, input.Shape);
        Normalization.LayerNorm(Operands.AsFloat(op, input), rows, cols, Affine(op, weight), Affine(op, bias), (float)eps, result.Float32Span);
        return result;
    }

    /// <summary>Batch norm over [N, C, *] with running statistics; batch statistics (training) are not supported.</summary>
    [Schema("aten::batch_norm(Tensor input, Tensor? weight, Tensor? bias, Tensor? running_mean, Tensor? running_var, bool training, float momentum, float eps, bool cudnn_enabled) -> Tensor")]
    public static Tensor batch_norm(Tensor input, Tensor? weight, Tensor? bias, Tensor? running_mean, Tensor? running_var, bool training, double momentum, double eps, bool cudnn_enabled)
    {
        const string op = "aten::batch_norm";
        if (training) throw new NotSupportedException($"{op}: training mode (batch statistics and running-stat updates) is not supported; call eval() for inference");
        if (running_mean is null || running_var is null) throw new NotSupportedException($"{op}: inference needs running_mean and running_var");
        if (input.Dim < 2) throw new ArgumentException($"{op}: expected at least 2-D input [N, C, *], got {input.Describe()}");
        int n = input.Shape[0], c = input.Shape[1];
        int spatial = c == 0 || n == 0 ? 0 : (int)(input.NumElements / n / c);
        CheckAffine(op, running_mean, c, "running_mean");
        CheckAffine(op, running_var, c, "running_var");
        CheckAffine(op, weight, c, "weight");
        CheckAffine(op, bias, c, "bias");
        var result = Tensor.Empty(DType.Float32, input.Shape);
        Normalization.BatchNormInference(Operands.AsFloat(op, input), n, c, spatial, Affine(op, running_mean), Affine(op, running_var),
            Affine(op, weight), Affine(op, bias), (float)eps, result.Float32Span);
        return result;
    }

    /// <summary>Group norm over [N, C, *] with <paramref name="num_groups"/> channel groups.</summary>
    [Schema("aten::group_norm(Tensor input, int num_groups, Tensor? weight=None, Tensor? bias=None, float eps=1e-05, bool cudnn_enabled=True) -> Tensor")]
    public static Tensor group_norm(Tensor input, long num_groups, Tensor? weight, Tensor? bias, double eps, bool cudnn_enabled)
    {
        const string op = "aten::group_norm";
        if (input.Dim < 2) throw new ArgumentException($"{op}: expected at least 2-D input [N, C, *], got {input.Describe()}");
        int n = input.Shape[0], c = input.Shape[1];
        if (num_groups <= 0 || c % num_groups != 0) throw new ArgumentException($"{op}: expected number of channels in input ({c}) to be divisible by num_groups ({num_groups})");
        int spatial = c == 0 || n == 0 ? 0 : (int)(input.NumElements / n / c);
        CheckAffine(op, weight, c, "weight");
        CheckAffine(op, bias, c, "bias");
        var result = Tensor.Empty(DType.Float32, input.Shape);
        Normalization.GroupNorm(Operands.AsFloat(op, input), n, c, spatial, (int)num_groups, Affine(op, weight), Affine(op, bias), (float)eps, result.Float32Span);
        return result;
    }

    internal static JitType layer_norm_type(IReadOnlyList<JitType> inputs, IReadOnlyList<IValue?> constants) => OutputTypes.Elementwise("aten::layer_norm", inputs.Take(1).ToArray());

    internal static JitType batch_norm_type(IReadOnlyList<JitType> inputs, IReadOnlyList<IValue?> constants) => OutputTypes.Elementwise("aten::batch_norm", inputs.Take(1).ToArray());

    internal static JitType group_norm_type(IReadOnlyList<JitType> inputs, IReadOnlyList<IValue?> constants) => OutputTypes.Elementwise("aten::group_norm", inputs.Take(1).ToArray());

    // The [rows, cols] a layer norm works on (cols = the product of normalized_shape), its arguments checked.
    private static (int Rows, int Cols) LayerNormRows(string op, Tensor input, long[] normalized_shape, Tensor? weight, Tensor? bias)
    {
        int k = normalized_shape.Length;
        if (k == 0 || k > input.Dim || !input.Shape[^k..].ToArray().Select(s => (long)s).SequenceEqual(normalized_shape))
            throw new ArgumentException($"{op}: input {input.Describe()} does not end with normalized_shape [{string.Join(", ", normalized_shape)}]");
        int cols = 1;
        foreach (long s in normalized_shape) cols *= (int)s;
        CheckAffine(op, weight, cols, "weight");
        CheckAffine(op, bias, cols, "bias");
        return (cols == 0 ? 0 : (int)(input.NumElements / cols), cols);
    }

    private static void CheckAffine(string op, Tensor? t, int size, string name)
    {
        if (t is not null && t.NumElements != size)
            throw new ArgumentException($"{op}: {name} must have {size} elements, got {t.Describe()}");
    }

    private static ReadOnlySpan<float> Affine(string op, Tensor? t) => t is null ? default : Operands.AsFloat(op, t);
}
