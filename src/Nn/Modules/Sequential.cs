namespace TorchJit.Modules;

/// <summary>Runs its sub-modules in order; they are registered as <c>"0"</c>, <c>"1"</c>, … as in PyTorch.</summary>
public sealed class Sequential : torch.nn.Module<Tensor, Tensor>
{
    private readonly List<torch.nn.Module<Tensor, Tensor>> layers = [];

    /// <summary>A sequence of <paramref name="modules"/>.</summary>
    public Sequential(params torch.nn.Module<Tensor, Tensor>[] modules)
        : base(nameof(Sequential))
    {
        for (int i = 0; i < modules.Length; i++)
        {
            layers.Add(modules[i]);
            register_module(i.ToString(System.Globalization.CultureInfo.InvariantCulture), modules[i]);
        }
    }

    /// <inheritdoc/>
    public override string TorchScriptClassName => "__torch__.torch.nn.modules.container.Sequential";

    /// <summary>The number of sub-modules.</summary>
    public int Count => layers.Count;

    /// <inheritdoc/>
    public override void RegisterComponents()
    {
        // Registered explicitly in the constructor.
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        // The scripter unrolls this loop over the module list, as TorchScript does for nn.Sequential.
        foreach (var layer in layers) input = layer.forward(input);
        return input;
    }
}
