namespace TorchJit.Modules;

/// <summary>Returns its input (a placeholder layer, as PyTorch's <c>nn.Identity</c>).</summary>
public sealed class Identity : torch.nn.Module<Tensor, Tensor>
{
    /// <summary>An identity layer.</summary>
    public Identity()
        : base(nameof(Identity))
    {
    }

    /// <inheritdoc/>
    public override string TorchScriptClassName => "__torch__.torch.nn.modules.linear.Identity";

    /// <inheritdoc/>
    public override Tensor forward(Tensor input) => input;
}
