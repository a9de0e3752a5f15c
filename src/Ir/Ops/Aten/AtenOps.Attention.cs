using TorchJit.Kernels;

namespace TorchJit.Ir;

/// <summary>Scaled dot-product attention, composed from matmul, softmax and where (PyTorch's math path).</summary>
public static partial class AtenOps
{
    /// <summary>
    /// softmax(q·kᵀ·scale + mask)·v over the last two dims, batch dims broadcast. A bool mask keeps the
    /// positions where it is true (others get -inf); a float mask is added. <c>is_causal</c> masks the
    /// upper triangle. A row with every position masked gives zeros, as PyTorch's SDPA does since 2.5 (its
    /// <c>_safe_softmax</c>: softmax would give 0/0 = NaN there).
    /// </summary>
    [Schema("aten::scaled_dot_product_attention(Tensor query, Tensor key, Tensor value, Tensor? attn_mask=None, float dropout_p=0., bool is_causal=False, *, float? scale=None, bool enable_gqa=False) -> Tensor")]
    public static Tensor scaled_dot_product_attention(Tensor query, Tensor key, Tensor value, Tensor? attn_mask, double dropout_p, bool is_causal, double? scale, bool enable_gqa)
    {
        if (AttentionInto(query, key, value, attn_mask, dropout_p, is_causal, scale, enable_gqa, null) is { } result) return result;
        return ComposedAttention(query, key, value, attn_mask, dropout_p, is_causal, scale, enable_gqa);
    }

    internal static void scaled_dot_product_attention_out(Tensor query, Tensor key, Tensor value, Tensor? attn_mask, double dropout_p, bool is_causal, double? scale, bool enable_gqa, Tensor @out)
    {
        if (AttentionInto(query, key, value, attn_mask, dropout_p, is_causal, scale, enable_gqa, @out) is null) return;
        // Arguments AttentionInto does not take: the composed ops report the error.
        Tensor.CopyResult("aten::scaled_dot_product_attention", ComposedAttention(query, key, value, attn_mask, dropout_p, is_causal, scale, enable_gqa), @out);
    }

    // The math path as ops (matmul, mul, where or add, softmax, matmul): it reports every bad argument, and
    // AttentionInto gives its bits.
    private static Tensor ComposedAttention(Tensor query, Tensor key, Tensor value, Tensor? attn_mask, double dropout_p, bool is_causal, double? scale, bool enable_gqa)
    {
        const string op = "aten::scaled_dot_product_attention";
        if (query.Dim < 2 || key.Dim < 2 || value.Dim < 2)
            throw new ArgumentException($"{op}: query, key and value need at least 2 dims, got {query.Describe()}, {key.Describe()}, {value.Describe()}");
        if (query.Shape[^1] != key.Shape[^1])
            throw new ArgumentException($"{op}: query {query.Describe()} and key {key.Describe()} must have the same last dimension");
        if (key.Shape[^2] != value.Shape[^2])
            throw new ArgumentException($"{op}: key {key.Describe()} and value {value.Describe()} must have the same sequence length");
        if (dropout_p != 0) throw new NotSupportedException($"{op}: dropout_p {dropout_p} is not supported (inference only)");
        if (enable_gqa) throw new NotSupportedException($"{op}: enable_gqa is not supported yet");
        if (is_causal && attn_mask is not null) throw new ArgumentException($"{op}: attn_mask and is_causal cannot both be set");
        int l = query.Shape[^2], s = key.Shape[^2];
        double factor = scale ?? 1 / Math.Sqrt(query.Shape[^1]);
        var scores = mul(matmul(query, transpose(key, -2, -1)), Scalar.FromDouble(factor));
        if (is_causal)
        {
            var causal = Tensor.Empty(DType.Bool, [l, s]);
            var c = causal.BoolSpan;
            for (int i = 0; i < l; i++)
                for (int j = 0; j < s; j++) c[(i * s) + j] = j <= i;
            attn_mask = causal;
        }

        if (attn_mask is not null)
        {
            CheckMask(op, attn_mask, scores, query, key);
            scores = attn_mask.DType == DType.Bool
                ? where(attn_mask, scores, Tensor.WrapNumber(Scalar.FromDouble(double.NegativeInfinity)))
                : add(scores, attn_mask, Scalar.One);
        }

        return matmul(SafeSoftmax(scores), value);
    }

    // The mask is bool or float32 and broadcasts to the scores' shape without growing it, as PyTorch requires.
    private static void CheckMask(string op, Tensor mask, Tensor scores, Tensor query, Tensor key)
    {
        if (mask.DType is not (DType.Bool or DType.Float32))
            throw new ArgumentException($"{op}: attn_mask must be bool or float, got {mask.Describe()}");
        bool fits;
        try
        {
            fits = Broadcasting.BroadcastShapes(mask.Shape, scores.Shape).AsSpan().SequenceEqual(scores.Shape);
        }
        catch (ArgumentException)
        {
            fits = false;
        }

        if (!fits)
            throw new ArgumentException($"{op}: attn_mask {mask.Describe()} does not broadcast to the attention scores {scores.Describe()} of query {query.Describe()} and key {key.Describe()}");
    }

    // softmax over the last dim, with rows whose scores are all -inf set to 0 instead of NaN.
    private static Tensor SafeSoftmax(Tensor scores)
    {
        var probabilities = softmax(scores, -1, null);
        int s = scores.Shape[^1];
        if (s == 0) return probabilities;
        var x = scores.contiguous().Float32Span;
        var p = probabilities.Float32Span;
        for (int row = 0; row < x.Length; row += s)
        {
            if (x.Slice(row, s).ContainsAnyExcept(float.NegativeInfinity)) continue;
            p.Slice(row, s).Clear();
        }

        return probabilities;
    }
}
