namespace TorchJit.Modules;

/// <summary>Flattens dimensions <c>start_dim</c>..<c>end_dim</c> (defaults 1..-1: keep the batch).</summary>
public sealed class Flatten : torch.nn.Module<Tensor, Tensor>
{
    private readonly long startDim;
    private readonly long endDim;

    /// <summary>A flatten layer.</summary>
    public Flatten(long startDim = 1, long endDim = -1)
        : base(nameof(Flatten))
    {
        this.startDim = startDim;
        this.endDim = endDim;
    }

    /// <inheritdoc/>
    public override string TorchScriptClassName => "__torch__.torch.nn.modules.flatten.Flatten";

    /// <inheritdoc/>
    public override Tensor forward(Tensor input) => input.flatten(startDim, endDim);
}
