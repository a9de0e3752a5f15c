namespace TorchJit.Modules;

/// <summary>Dropout: the identity in eval mode; in training, zeroes elements with probability p and rescales.</summary>
public sealed class Dropout : torch.nn.Module<Tensor, Tensor>
{
    /// <summary>A dropout layer with drop probability <paramref name="p"/>.</summary>
    public Dropout(double p = 0.5)
        : base(nameof(Dropout))
    {
        if (p < 0 || p > 1) throw new ArgumentException($"Dropout: probability has to be between 0 and 1, but got {p}");
        this.p = p;
    }

    /// <summary>The drop probability.</summary>
    public double p { get; }

    /// <inheritdoc/>
    public override string TorchScriptClassName => "__torch__.torch.nn.modules.dropout.Dropout";

    /// <inheritdoc/>
    public override Tensor forward(Tensor input) => torch.nn.functional.dropout(input, p, training);
}
