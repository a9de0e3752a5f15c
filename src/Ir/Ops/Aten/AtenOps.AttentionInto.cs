using TorchJit.Kernels;

namespace TorchJit.Ir;

/// <summary>Scaled dot-product attention into a given buffer, its temporaries in <see cref="OutScratch"/>.</summary>
public static partial class AtenOps
{
    /// <summary>
    /// The attention of <see cref="ComposedAttention"/> step by step, the same kernels on the same values, so the
    /// same bits: scores = q·kᵀ per broadcast batch (keys transposed once per key batch, as the composed matmul
    /// copies them), scaled, masked in place, softmax into a second buffer with all -inf rows zeroed, then one
    /// GEMM per output batch with the values. Writes into <paramref name="out"/> and returns null, or when
    /// <paramref name="out"/> is null returns a new tensor; returns <paramref name="out"/> itself, having written
    /// nothing, for arguments it does not take (non-float32 inputs, bad shapes): the caller runs the composed ops.
    /// </summary>
    private static Tensor? AttentionInto(Tensor query, Tensor key, Tensor value, Tensor? mask, double dropout_p, bool is_causal, double? scale, bool enable_gqa, Tensor? @out)
    {
        const string op = "aten::scaled_dot_product_attention";
        bool plain = query.DType == DType.Float32 && key.DType == DType.Float32 && value.DType == DType.Float32
            && query.Dim >= 2 && key.Dim >= 2 && value.Dim >= 2 && query.Shape[^1] == key.Shape[^1] && key.Shape[^2] == value.Shape[^2]
            && dropout_p == 0 && !enable_gqa && !(is_causal && mask is not null)
            && (mask is null || mask.DType is DType.Bool or DType.Float32);
        if (!plain) return Decline(@out);
        int l = query.Shape[^2], s = key.Shape[^2], e = query.Shape[^1], ev = value.Shape[^1];
        var qBatch = query.Shape[..^2];
        var kBatch = key.Shape[..^2];
        var vBatch = value.Shape[..^2];
        int r1 = Math.Max(qBatch.Length, kBatch.Length), r2 = Math.Max(r1, vBatch.Length);
        Span<int> shapes = r2 <= 12 ? stackalloc int[4 * 16] : new int[4 * (r2 + 4)];
        Span<int> scoresShape = shapes[..(r1 + 2)], outShape = shapes.Slice(r1 + 2, r2 + 2), index = shapes.Slice((2 * r2) + 4, r2);
        var batch1 = scoresShape[..r1];
        var batch2 = outShape[..r2];
        if (!BatchIndex.TryBroadcast(qBatch, kBatch, batch1) || !BatchIndex.TryBroadcast(batch1, vBatch, batch2)) return Decline(@out);
        scoresShape[r1] = l;
        scoresShape[r1 + 1] = s;
        outShape[r2] = l;
        outShape[r2 + 1] = ev;
        if (mask is not null && !Operands.BroadcastsTo(mask.Shape, scoresShape)) return Decline(@out);

        var result = @out ?? Tensor.UninitializedFloat32(outShape);
        result.RequireOut(op, DType.Float32, outShape);
        var q = Operands.Dense(op, query, ref OutScratch.Left);
        var k = Operands.Dense(op, key, ref OutScratch.Right);
        var v = Operands.Dense(op, value, ref OutScratch.Third);

        // kᵀ for each key batch: the [E, S] matrices the composed matmul reads.
        int keyCount = BatchIndex.Count(kBatch);
        var keysT = OutScratch.Floats(ref OutScratch.KeysTransposed, keyCount * e * s);
        for (int b = 0; b < keyCount; b++)
        {
            var src = k.Slice(b * s * e, s * e);
            var dst = keysT.Slice(b * e * s, e * s);
            for (int i = 0; i < s; i++)
                for (int j = 0; j < e; j++) dst[(j * s) + i] = src[(i * e) + j];
        }

        int count1 = BatchIndex.Count(batch1);
        var scores = OutScratch.Floats(ref OutScratch.Scores, count1 * l * s);
        BatchIndex.MatMul(q, qBatch, keysT, kBatch, scores, batch1, index[..r1], l, e, s);

        ScaleInto(scores, (float)(scale ?? 1 / Math.Sqrt(e)), scores);
        if (is_causal)
        {
            // where(j <= i, score, -inf): a select, so writing -inf above the diagonal gives the same bits.
            for (int b = 0; b < count1; b++)
                for (int i = 0; i < l; i++)
                    for (int j = i + 1; j < s; j++) scores[(((b * l) + i) * s) + j] = float.NegativeInfinity;
        }
        else if (mask is { DType: DType.Bool })
        {
            float negativeInfinity = float.NegativeInfinity;
            Broadcasting.Where(mask.DenseBool(ref OutScratch.Mask), mask.Shape, scores, scoresShape, new ReadOnlySpan<float>(in negativeInfinity), [], scores, scoresShape);
        }
        else if (mask is not null)
        {
            Broadcasting.Binary<AddOperator>(scores, scoresShape, Operands.Dense(op, mask, ref OutScratch.Fourth), mask.Shape, scores, scoresShape);
        }

        var probabilities = OutScratch.Floats(ref OutScratch.Probabilities, scores.Length);
        Softmax.Forward(scores, scores.Length / Math.Max(1, s), s, 1, probabilities);
        // _safe_softmax: a row with every position masked gives zeros, not 0/0.
        if (s != 0)
        {
            for (int row = 0; row < scores.Length; row += s)
                if (!scores.Slice(row, s).ContainsAnyExcept(float.NegativeInfinity)) probabilities.Slice(row, s).Clear();
        }

        var y = result.Float32Span;
        BatchIndex.MatMul(probabilities, batch1, v, vBatch, y, batch2, index, l, s, ev);

        return @out is null ? result : null;
    }

    // AttentionInto's "not taken" answer: out itself when there is one, else null (the allocating op then composes).
    private static Tensor? Decline(Tensor? @out) => @out;
}
