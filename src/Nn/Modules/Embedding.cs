namespace TorchJit.Modules;

/// <summary>A lookup table of <c>numEmbeddings</c> vectors, initialised N(0, 1) (the padding row zero).</summary>
public sealed class Embedding : torch.nn.Module<Tensor, Tensor>
{
    /// <summary>The table [numEmbeddings, embeddingDim].</summary>
    public Parameter weight;

    /// <summary>An embedding table.</summary>
    public Embedding(long numEmbeddings, long embeddingDim, long? paddingIdx = null)
        : base(nameof(Embedding))
    {
        var w = torch.randn(numEmbeddings, embeddingDim);
        if (paddingIdx is { } p)
        {
            if (p < -numEmbeddings || p >= numEmbeddings) throw new ArgumentException($"Embedding: padding_idx {p} must be within num_embeddings {numEmbeddings}");
            w.Float32Span.Slice((int)((p < 0 ? p + numEmbeddings : p) * embeddingDim), (int)embeddingDim).Clear();
        }

        weight = new Parameter(w);
        register_parameter("weight", weight);
    }

    /// <inheritdoc/>
    public override string TorchScriptClassName => "__torch__.torch.nn.modules.sparse.Embedding";

    /// <inheritdoc/>
    public override void RegisterComponents()
    {
        // Registered explicitly in the constructor.
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input) => torch.nn.functional.embedding(input, weight);
}
