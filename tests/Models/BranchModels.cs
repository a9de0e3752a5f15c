using static TorchJit.torch;

#if OPTIMIZED_MODELS
namespace TorchJit.Tests.Models.Optimized;
#else
namespace TorchJit.Tests.Models.Unoptimized;
#endif

// A local assigned in both branches and used after the join: the If gets an output.
public sealed class JoinModel : nn.Module<Tensor, Tensor>
{
    public JoinModel() : base(nameof(JoinModel)) { }
    public override Tensor forward(Tensor x)
    {
        Tensor y;
        if (x.sum() > 0)
        {
            y = x * 2;
        }
        else
        {
            y = -x;
        }

        return y + 1;
    }
}

// A ternary on data, then more work on its result.
public sealed class TernaryModel : nn.Module<Tensor, Tensor>
{
    public TernaryModel() : base(nameof(TernaryModel)) { }
    public override Tensor forward(Tensor x)
    {
        var y = x.sum() < 3 ? x - 1 : x * x;
        return y.relu();
    }
}

// An early return inside nested ifs, then a fall-through path.
public sealed class NestedReturnModel : nn.Module<Tensor, Tensor>
{
    public NestedReturnModel() : base(nameof(NestedReturnModel)) { }
    public override Tensor forward(Tensor x)
    {
        var s = x.sum();
        if (s > 0)
        {
            if (s > 5) return x / 2;
            x = x + 1;
        }

        return x * 3;
    }
}

// Sub-modules called from fields, and a branch on the training flag.
public sealed class TwoLayerModel : nn.Module<Tensor, Tensor>
{
    private readonly TorchJit.Modules.Linear first;
    private readonly TorchJit.Modules.Linear second;

    public TwoLayerModel() : base(nameof(TwoLayerModel))
    {
        first = nn.Linear(4, 8);
        second = nn.Linear(8, 3);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        var h = first.forward(x).relu();
        if (training) h = h * 2;
        return second.forward(h) + h.sum();
    }
}
