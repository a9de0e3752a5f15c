using static TorchJit.torch;

#if OPTIMIZED_MODELS
namespace TorchJit.Tests.Models.Optimized;
#else
namespace TorchJit.Tests.Models.Unoptimized;
#endif

// foreach over a list of sub-modules (unrolled at script time), with a data-dependent branch inside the
// loop body and work after the loop: the shapes Debug and Release builds give a foreach differ.
public sealed class ModuleListModel : nn.Module<Tensor, Tensor>
{
    private readonly List<nn.Module<Tensor, Tensor>> blocks = [];

    public ModuleListModel() : base(nameof(ModuleListModel))
    {
        manual_seed(7);
        for (int i = 0; i < 3; i++)
        {
            var layer = nn.Linear(4, 4);
            blocks.Add(layer);
            register_module("block" + i, layer);
        }
    }

    public override Tensor forward(Tensor x)
    {
        foreach (var block in blocks)
        {
            x = block.forward(x);
            if (x.sum() > 0) x = x.relu();
        }

        return x * 2;
    }
}
