namespace TorchJit.Modules;

/// <summary>
/// PyTorch's <c>nn.TransformerEncoderLayer</c>: self-attention and a feed-forward block, each with a
/// residual connection and layer norm (after the block by default, before it with <c>normFirst</c>).
/// Inputs are [S, N, E], or [N, S, E] with <c>batchFirst</c>.
/// </summary>
public sealed class TransformerEncoderLayer : torch.nn.Module<Tensor, Tensor>
{
    private readonly MultiheadAttention self_attn;
    private readonly Linear linear1;
    private readonly Dropout dropout;
    private readonly Linear linear2;
    private readonly LayerNorm norm1;
    private readonly LayerNorm norm2;
    private readonly Dropout dropout1;
    private readonly Dropout dropout2;
    private readonly bool normFirst;
    private readonly bool gelu;

    /// <summary>An encoder layer of width <paramref name="dModel"/> with <paramref name="nhead"/> heads.</summary>
    public TransformerEncoderLayer(long dModel, long nhead, long dimFeedforward = 2048, double dropout = 0.1, string activation = "relu",
        double layerNormEps = 1e-5, bool batchFirst = false, bool normFirst = false)
        : base(nameof(TransformerEncoderLayer))
    {
        if (activation is not ("relu" or "gelu")) throw new ArgumentException($"TransformerEncoderLayer: activation should be relu or gelu, not {activation}");
        self_attn = new MultiheadAttention(dModel, nhead, 0, true, batchFirst);
        linear1 = new Linear(dModel, dimFeedforward);
        this.dropout = new Dropout(dropout);
        linear2 = new Linear(dimFeedforward, dModel);
        norm1 = new LayerNorm(dModel, layerNormEps);
        norm2 = new LayerNorm(dModel, layerNormEps);
        dropout1 = new Dropout(dropout);
        dropout2 = new Dropout(dropout);
        this.normFirst = normFirst;
        gelu = activation == "gelu";
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override string TorchScriptClassName => "__torch__.torch.nn.modules.transformer.TransformerEncoderLayer";

    /// <inheritdoc/>
    public override Tensor forward(Tensor input) => forward(input, null, null);

    /// <summary>The layer with an attention mask and a key padding mask (see <see cref="MultiheadAttention"/>).</summary>
    public Tensor forward(Tensor src, Tensor? srcMask, Tensor? srcKeyPaddingMask)
    {
        var x = src;
        if (normFirst)
        {
            x = x + SelfAttention(norm1.forward(x), srcMask, srcKeyPaddingMask);
            return x + FeedForward(norm2.forward(x));
        }

        x = norm1.forward(x + SelfAttention(x, srcMask, srcKeyPaddingMask));
        return norm2.forward(x + FeedForward(x));
    }

    private Tensor SelfAttention(Tensor x, Tensor? mask, Tensor? padding) =>
        dropout1.forward(self_attn.forward(x, x, x, padding, false, mask).Output);

    private Tensor FeedForward(Tensor x)
    {
        var h = linear1.forward(x);
        h = gelu ? torch.nn.functional.gelu(h) : h.relu();
        return dropout2.forward(linear2.forward(dropout.forward(h)));
    }
}
