using TorchJit.Kernels;

namespace TorchJit.Ir;

/// <summary>The residual add fused into the layer norm after it (ONNX Runtime's SkipLayerNormalization).</summary>
public static partial class AtenOps
{
    // Rows per block: the sum of a block stays in a per-thread buffer of this many floats (L1), never in memory.
    private const int AddLayerNormBlock = 4096;

    [ThreadStatic]
    private static float[]? addLayerNormScratch;

    /// <summary>
    /// <c>layer_norm(input + other, ...)</c> without writing the sum: rows are added into a small buffer and
    /// normalized from there. Same bits as the two ops (the same add, then the same per-row layer norm);
    /// inputs of different shapes or dtypes run the two ops.
    /// </summary>
    [Schema("torchjit::add_layer_norm(Tensor input, Tensor other, int[] normalized_shape, Tensor? weight, Tensor? bias, float eps) -> Tensor", OpTraits.Pure)]
    public static Tensor add_layer_norm(Tensor input, Tensor other, long[] normalized_shape, Tensor? weight, Tensor? bias, double eps)
    {
        const string op = "torchjit::add_layer_norm";
        if (!FusedAddLayerNorm(input, other))
            return layer_norm(add(input, other, Scalar.One), normalized_shape, weight, bias, eps, true);
        LayerNormRows(op, input, normalized_shape, weight, bias);
        var result = Tensor.UninitializedFloat32(input.Shape);
        add_layer_norm_out(input, other, normalized_shape, weight, bias, eps, result);
        return result;
    }

    internal static void add_layer_norm_out(Tensor input, Tensor other, long[] normalized_shape, Tensor? weight, Tensor? bias, double eps, Tensor @out)
    {
        const string op = "torchjit::add_layer_norm";
        if (!FusedAddLayerNorm(input, other))
        {
            // Broadcast or non-float operands run the two ops, allocating (the optimizer fuses only same-shape float adds).
            Tensor.CopyResult(op, add_layer_norm(input, other, normalized_shape, weight, bias, eps), @out);
            return;
        }

        var (rows, cols) = LayerNormRows(op, input, normalized_shape, weight, bias);
        var a = Operands.Dense(op, input, ref OutScratch.Left);
        var b = Operands.Dense(op, other, ref OutScratch.Right);
        var gamma = Operands.DenseOrEmpty(op, weight, ref OutScratch.Third);
        var beta = Operands.DenseOrEmpty(op, bias, ref OutScratch.Fourth);
        @out.RequireOut(op, DType.Float32, input.Shape);
        var y = @out.Float32Span;
        int blockRows = Math.Max(1, AddLayerNormBlock / Math.Max(1, cols));
        if (addLayerNormScratch is null || addLayerNormScratch.Length < blockRows * cols) addLayerNormScratch = new float[blockRows * cols];
        for (int r = 0; r < rows; r += blockRows)
        {
            int n = Math.Min(blockRows, rows - r);
            var sum = addLayerNormScratch.AsSpan(0, n * cols);
            Elementwise.Binary<AddOperator>(a.Slice(r * cols, n * cols), b.Slice(r * cols, n * cols), sum);
            Normalization.LayerNorm(sum, n, cols, gamma, beta, (float)eps, y.Slice(r * cols, n * cols));
        }
    }

    private static bool FusedAddLayerNorm(Tensor input, Tensor other) =>
        input.DType == DType.Float32 && other.DType == DType.Float32 && input.Shape.SequenceEqual(other.Shape);

    internal static JitType add_layer_norm_type(IReadOnlyList<JitType> inputs, IReadOnlyList<IValue?> constants) =>
        inputs[0] is TensorType { Sizes: { } s } x && inputs[1] is TensorType { Sizes: { } o } && s.SequenceEqual(o)
            ? OutputTypes.Complete(DType.Float32, s)
            : new TensorType(DType.Float32, null, null);
}
