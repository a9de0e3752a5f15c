using TorchJit.Modules;
using static TorchJit.torch;

#if OPTIMIZED_MODELS
namespace TorchJit.Tests.Models.Optimized;
#else
namespace TorchJit.Tests.Models.Unoptimized;
#endif

// nn.ModuleList iterated in forward, with Dropout, Identity and Flatten: the containers real models use.
public sealed class ContainerModel : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<Linear> layers;
    private readonly Dropout dropout = nn.Dropout(0.25);
    private readonly Identity identity = nn.Identity();
    private readonly Flatten flatten = nn.Flatten();

    public ContainerModel() : base(nameof(ContainerModel))
    {
        manual_seed(3);
        layers = nn.ModuleList(nn.Linear(6, 6), nn.Linear(6, 6));
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        x = flatten.forward(x);
        foreach (var layer in layers) x = dropout.forward(layer.forward(x)).relu();
        return identity.forward(x);
    }
}
