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
        LayerNormRows(op, input, normalized_shape, weight, bias);
        Operands.RequireFloat(op, input);
        var result = Tensor.UninitializedFloat32(input.Shape);
        layer_norm_out(input, normalized_shape, weight, bias, eps, cudnn_enable, result);
        return result;
    }

    internal static void layer_norm_out(Tensor input, long[] normalized_shape, Tensor? weight, Tensor? bias, double eps, bool cudnn_enable, Tensor @out)
    {
        const string op = "aten::layer_norm";
        var (rows, cols) = LayerNormRows(op, input, normalized_shape, weight, bias);
        var x = Operands.Dense(op, input, ref OutScratch.Left);
        var gamma = Operands.DenseOrEmpty(op, weight, ref OutScratch.Right);
        var beta = Operands.DenseOrEmpty(op, bias, ref OutScratch.Third);
        @out.RequireOut(op, DType.Float32, input.Shape);
        Normalization.LayerNorm(x, rows, cols, gamma, beta, (float)eps, @out.Float32Span);
    }

    /// <summary>Batch norm over [N, C, *] with running statistics; batch statistics (training) are not supported.</summary>
    [Schema("aten::batch_norm(Tensor input, Tensor? weight, Tensor? bias, Tensor? running_mean, Tensor? running_var, bool training, float momentum, float eps, bool cudnn_enabled) -> Tensor")]
    public static Tensor batch_norm(Tensor input, Tensor? weight, Tensor? bias, Tensor? running_mean, Tensor? running_var, bool training, double momentum, double eps, bool cudnn_enabled)
    {
        // The out variant checks the arguments (in PyTorch's order) before it writes anything.
        var result = Tensor.UninitializedFloat32(input.Shape);
        batch_norm_out(input, weight, bias, running_mean, running_var, training, momentum, eps, cudnn_enabled, result);
        return result;
    }

    internal static void batch_norm_out(Tensor input, Tensor? weight, Tensor? bias, Tensor? running_mean, Tensor? running_var, bool training, double momentum, double eps, bool cudnn_enabled, Tensor @out)
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
        var x = Operands.Dense(op, input, ref OutScratch.Left);
        var mean = Operands.Dense(op, running_mean, ref OutScratch.Right);
        var variance = Operands.Dense(op, running_var, ref OutScratch.Third);
        var gamma = Operands.DenseOrEmpty(op, weight, ref OutScratch.Fourth);
        var beta = Operands.DenseOrEmpty(op, bias, ref OutScratch.Scaled);
        @out.RequireOut(op, DType.Float32, input.Shape);
        Normalization.BatchNormInference(x, n, c, spatial, mean, variance, gamma, beta, (float)eps, @out.Float32Span);
    }

    /// <summary>Group norm over [N, C, *] with <paramref name="num_groups"/> channel groups.</summary>
    [Schema("aten::group_norm(Tensor input, int num_groups, Tensor? weight=None, Tensor? bias=None, float eps=1e-05, bool cudnn_enabled=True) -> Tensor")]
    public static Tensor group_norm(Tensor input, long num_groups, Tensor? weight, Tensor? bias, double eps, bool cudnn_enabled)
    {
        // The out variant checks the arguments, once.
        Operands.RequireFloat("aten::group_norm", input);
        var result = Tensor.UninitializedFloat32(input.Shape);
        group_norm_out(input, num_groups, weight, bias, eps, cudnn_enabled, result);
        return result;
    }

    internal static void group_norm_out(Tensor input, long num_groups, Tensor? weight, Tensor? bias, double eps, bool cudnn_enabled, Tensor @out)
    {
        const string op = "aten::group_norm";
        if (input.Dim < 2) throw new ArgumentException($"{op}: expected at least 2-D input [N, C, *], got {input.Describe()}");
        int n = input.Shape[0], c = input.Shape[1];
        if (num_groups <= 0 || c % num_groups != 0) throw new ArgumentException($"{op}: expected number of channels in input ({c}) to be divisible by num_groups ({num_groups})");
        int spatial = c == 0 || n == 0 ? 0 : (int)(input.NumElements / n / c);
        CheckAffine(op, weight, c, "weight");
        CheckAffine(op, bias, c, "bias");
        var x = Operands.Dense(op, input, ref OutScratch.Left);
        var gamma = Operands.DenseOrEmpty(op, weight, ref OutScratch.Right);
        var beta = Operands.DenseOrEmpty(op, bias, ref OutScratch.Third);
        @out.RequireOut(op, DType.Float32, input.Shape);
        Normalization.GroupNorm(x, n, c, spatial, (int)num_groups, gamma, beta, (float)eps, @out.Float32Span);
    }

    internal static JitType layer_norm_type(IReadOnlyList<JitType> inputs, IReadOnlyList<IValue?> constants) => OutputTypes.Elementwise("aten::layer_norm", inputs.Take(1).ToArray());

    internal static JitType batch_norm_type(IReadOnlyList<JitType> inputs, IReadOnlyList<IValue?> constants) => OutputTypes.Elementwise("aten::batch_norm", inputs.Take(1).ToArray());

    internal static JitType group_norm_type(IReadOnlyList<JitType> inputs, IReadOnlyList<IValue?> constants) => OutputTypes.Elementwise("aten::group_norm", inputs.Take(1).ToArray());

    // The [rows, cols] a layer norm works on (cols = the product of normalized_shape), its arguments checked.
    private static (int Rows, int Cols) LayerNormRows(string op, Tensor input, long[] normalized_shape, Tensor? weight, Tensor? bias)
    {
        if (!EndsWith(input.Shape, normalized_shape))
            throw new ArgumentException($"{op}: input {input.Describe()} does not end with normalized_shape [{string.Join(", ", normalized_shape)}]");
        int cols = 1;
        foreach (long s in normalized_shape) cols *= (int)s;
        CheckAffine(op, weight, cols, "weight");
        CheckAffine(op, bias, cols, "bias");
        return (cols == 0 ? 0 : (int)(input.NumElements / cols), cols);
    }

    private static bool EndsWith(ReadOnlySpan<int> shape, long[] tail)
    {
        int k = tail.Length;
        if (k == 0 || k > shape.Length) return false;
        for (int i = 0; i < k; i++)
            if (shape[shape.Length - k + i] != tail[i]) return false;
        return true;
    }

    private static void CheckAffine(string op, Tensor? t, int size, string name)
    {
        if (t is not null && t.NumElements != size)
            throw new ArgumentException($"{op}: {name} must have {size} elements, got {t.Describe()}");
    }
}
