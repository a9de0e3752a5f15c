namespace TorchJit.Modules;

/// <summary>
/// Multi-head attention (PyTorch's <c>nn.MultiheadAttention</c>, inference): packed input projection
/// (xavier-uniform, zero bias), scaled dot-product attention per head, output projection. Inputs are
/// [L, N, E] (or [N, L, E] with <c>batchFirst</c>). Masks follow PyTorch: a bool <c>attn_mask</c> or
/// <c>key_padding_mask</c> is true where attention is NOT allowed; a float mask is added to the scores.
/// </summary>
public sealed class MultiheadAttention : torch.nn.Module
{
    /// <summary>The packed q, k, v projection [3E, E].</summary>
    public Parameter in_proj_weight;

    /// <summary>The packed q, k, v bias [3E], or null.</summary>
    public Parameter? in_proj_bias;

    /// <summary>The output projection.</summary>
    public Linear out_proj;

    private readonly long embedDim;
    private readonly long numHeads;
    private readonly bool batchFirst;

    /// <summary>An attention layer with <paramref name="numHeads"/> heads over <paramref name="embedDim"/> features.</summary>
    public MultiheadAttention(long embedDim, long numHeads, double dropout = 0, bool bias = true, bool batchFirst = false)
        : base(nameof(MultiheadAttention))
    {
        if (numHeads <= 0 || embedDim % numHeads != 0) throw new ArgumentException($"MultiheadAttention: embed_dim {embedDim} must be divisible by num_heads {numHeads}");
        if (dropout != 0) throw new NotSupportedException("MultiheadAttention: attention dropout is not supported (inference only); use dropout=0");
        this.embedDim = embedDim;
        this.numHeads = numHeads;
        this.batchFirst = batchFirst;
        in_proj_weight = Init.XavierUniform(3 * embedDim, embedDim, 3 * embedDim, embedDim);
        in_proj_bias = bias ? Init.Constant(0, 3 * embedDim) : null;
        out_proj = new Linear(embedDim, embedDim, bias);
        if (out_proj.bias is { } b) b.copy_(torch.zeros(embedDim));
        register_parameter("in_proj_weight", in_proj_weight);
        register_parameter("in_proj_bias", in_proj_bias);
        register_module("out_proj", out_proj);
    }

    /// <inheritdoc/>
    public override string TorchScriptClassName => "__torch__.torch.nn.modules.activation.MultiheadAttention";

    /// <inheritdoc/>
    public override void RegisterComponents()
    {
        // Registered explicitly in the constructor.
    }

    /// <summary>Attention output and, with <paramref name="needWeights"/>, the weights averaged over heads [N, L, S].</summary>
    public (Tensor Output, Tensor? Weights) forward(Tensor query, Tensor key, Tensor value, Tensor? keyPaddingMask = null, bool needWeights = true, Tensor? attnMask = null)
    {
        var (q, k, v) = batchFirst ? (query, key, value) : (query.transpose(0, 1), key.transpose(0, 1), value.transpose(0, 1));
        if (q.Dim != 3 || q.Shape[2] != embedDim)
            throw new ArgumentException($"MultiheadAttention: query must be [{(batchFirst ? "N, L" : "L, N")}, {embedDim}], got {query.Describe()}");
        long n = q.size(0), l = q.size(1), s = k.size(1), hd = embedDim / numHeads;
        var w = in_proj_weight;
        var b = in_proj_bias;
        Tensor Project(Tensor x, int i) => torch.nn.functional.linear(x, w.narrow(0, i * embedDim, embedDim), b?.narrow(0, i * embedDim, embedDim));
        // [N, L, E] -> [N, H, L, hd]
        Tensor Heads(Tensor x, long len) => x.reshape(n, len, numHeads, hd).transpose(1, 2);
        var qh = Heads(Project(q, 0), l);
        var kh = Heads(Project(k, 1), s);
        var vh = Heads(Project(v, 2), s);
        var mask = CombinedMask(attnMask, keyPaddingMask, n, l, s);
        var attended = torch.nn.functional.scaled_dot_product_attention(qh, kh, vh, mask);
        var output = out_proj.forward(attended.transpose(1, 2).reshape(n, l, embedDim));
        if (!batchFirst) output = output.transpose(0, 1);
        if (!needWeights) return (output, null);
        var scores = qh.matmul(kh.transpose(-2, -1)) * (1.0 / Math.Sqrt(hd));
        if (mask is not null) scores = scores + mask;
        var weights = scores.softmax(-1).mean([1], false);
        return (output, weights);
    }

    // Both masks as one additive float mask broadcastable to [N, H, L, S] (-inf where not allowed).
    private static Tensor? CombinedMask(Tensor? attnMask, Tensor? keyPaddingMask, long n, long l, long s)
    {
        Tensor? mask = attnMask is null ? null : ToAdditive(attnMask);
        if (keyPaddingMask is not null)
        {
            if (keyPaddingMask.Dim != 2 || keyPaddingMask.size(0) != n || keyPaddingMask.size(1) != s)
                throw new ArgumentException($"MultiheadAttention: key_padding_mask must be [{n}, {s}], got {keyPaddingMask.Describe()}");
            var padding = ToAdditive(keyPaddingMask).reshape(n, 1, 1, s);
            mask = mask is null ? padding : mask + padding;
        }

        return mask;
    }

    private static Tensor ToAdditive(Tensor mask) => mask.DType == Kernels.DType.Bool
        ? torch.zeros(mask.shapeArray()).masked_fill(mask, double.NegativeInfinity)
        : mask;
}
