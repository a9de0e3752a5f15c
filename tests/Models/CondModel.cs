using static TorchJit.torch;

#if OPTIMIZED_MODELS
namespace TorchJit.Tests.Models.Optimized;
#else
namespace TorchJit.Tests.Models.Unoptimized;
#endif

// The acceptance scenario, verbatim: the branch depends on the data.
public sealed class CondModel : nn.Module<Tensor, Tensor>
{
    public CondModel() : base(nameof(CondModel)) { }
    public override Tensor forward(Tensor x)
    {
        if (x.sum() > 10) return x;
        else return x + 10;
    }
}
