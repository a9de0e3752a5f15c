namespace TorchJit.Modules;

/// <summary><c>max(x, 0)</c> as a module.</summary>
public sealed class ReLU : torch.nn.Module<Tensor, Tensor>
{
    /// <summary>A ReLU.</summary>
    public ReLU()
        : base(nameof(ReLU))
    {
    }

    /// <inheritdoc/>
    public override string TorchScriptClassName => "__torch__.torch.nn.modules.activation.ReLU";

    /// <inheritdoc/>
    public override Tensor forward(Tensor input) => torch.nn.functional.relu(input);
}
