using TorchJit.Modules;
using static TorchJit.torch;

#if OPTIMIZED_MODELS
namespace TorchJit.Tests.Models.Optimized;
#else
namespace TorchJit.Tests.Models.Unoptimized;
#endif

// Attributes of primitive types: int (a trip count), float, bool, string (compared), int[] (reduction dims).
public sealed class AttributesModel : nn.Module<Tensor, Tensor>
{
    private readonly int repeats = 3;
    private readonly double scale = 0.5;
    private readonly bool useRelu = true;
    private readonly string mode = "sum";
    private readonly long[] dims = [1];

    public AttributesModel() : base(nameof(AttributesModel)) { }

    public override Tensor forward(Tensor x)
    {
        for (int i = 0; i < repeats; i++) x = x * scale + 1;
        if (useRelu) x = x.relu();
        return mode == "sum" ? x.sum(dims) : x.mean(dims);
    }
}

// Branches on `training`, scripted once and run in either mode.
public sealed class TrainingBranchModel : nn.Module<Tensor, Tensor>
{
    private readonly Linear linear;

    public TrainingBranchModel() : base(nameof(TrainingBranchModel))
    {
        manual_seed(11);
        linear = nn.Linear(4, 4);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        var h = linear.forward(x);
        if (training) h = h * 0.5;
        else h = h.relu() + 1;
        return training && (bool)(h.sum() > 0) ? h - 1 : h;
    }
}

// nn.Sequential (its forward is an unrolled foreach) followed by a data-dependent branch.
public sealed class SequentialModel : nn.Module<Tensor, Tensor>
{
    private readonly Sequential body;

    public SequentialModel() : base(nameof(SequentialModel))
    {
        manual_seed(12);
        body = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 4));
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        var y = body.forward(x);
        return y.sum() > 0 ? y : -y;
    }
}

// foreach over an nn.ModuleList with a counter and a continue: unrolled at script time.
public sealed class ModuleListCounterModel : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<Linear> layers;

    public ModuleListCounterModel() : base(nameof(ModuleListCounterModel))
    {
        manual_seed(13);
        layers = nn.ModuleList(nn.Linear(4, 4), nn.Linear(4, 4), nn.Linear(4, 4));
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        int index = 0;
        foreach (var layer in layers)
        {
            x = layer.forward(x);
            index = index + 1;
            if (index == 2) continue;
            x = x.tanh();
        }

        return x * index;
    }
}

// A sub-module that has sub-modules and control flow of its own, used twice.
public sealed class NestedModulesModel : nn.Module<Tensor, Tensor>
{
    private readonly Residual first;
    private readonly Residual second;

    public NestedModulesModel() : base(nameof(NestedModulesModel))
    {
        manual_seed(14);
        first = new Residual(4);
        second = new Residual(4);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => second.forward(first.forward(x));

    private sealed class Residual : nn.Module<Tensor, Tensor>
    {
        private readonly Linear inner;
        private readonly LayerNorm norm;

        public Residual(long width) : base(nameof(Residual))
        {
            inner = nn.Linear(width, width);
            norm = nn.LayerNorm(width);
            RegisterComponents();
        }

        public override Tensor forward(Tensor x)
        {
            var h = inner.forward(norm.forward(x));
            return h.mean() > 0 ? x + h : x - h;
        }
    }
}

// A loop that calls the same sub-module on every iteration (prim::CallMethod inside prim::Loop).
public sealed class LoopSubmoduleModel : nn.Module<Tensor, Tensor>
{
    private readonly Linear step;

    public LoopSubmoduleModel() : base(nameof(LoopSubmoduleModel))
    {
        manual_seed(15);
        step = nn.Linear(4, 4);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        int k = 0;
        while (k < 4 && (bool)(x.abs().max() < 10))
        {
            x = step.forward(x) * 2;
            k = k + 1;
        }

        return x + k;
    }
}

// [Export] methods besides forward (one used by forward), and an [Ignore] method nobody scripted calls.
public sealed class ExportModel : nn.Module<Tensor, Tensor>
{
    private readonly Linear encoder;

    public ExportModel() : base(nameof(ExportModel))
    {
        manual_seed(16);
        encoder = nn.Linear(4, 2);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => Encode(x).relu();

    [Export]
    public Tensor Encode(Tensor x) => encoder.forward(x) * 2;

    [Export]
    public (Tensor Code, long Width) Describe(Tensor x, long extra)
    {
        var code = Encode(x);
        return (code, code.size(1) + extra);
    }

    [Ignore]
    public void Log(Tensor x) => System.Console.WriteLine(x);
}
