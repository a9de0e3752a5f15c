using TorchJit.Modules;
using static TorchJit.torch;

#if OPTIMIZED_MODELS
namespace TorchJit.Tests.Models.Optimized;
#else
namespace TorchJit.Tests.Models.Unoptimized;
#endif

// The module's own methods: prim::CallMethod on %self, one calling another, one with an early return.
public sealed class InstanceHelperModel : nn.Module<Tensor, Tensor>
{
    private readonly double gain = 1.5;

    public InstanceHelperModel() : base(nameof(InstanceHelperModel)) { }

    public override Tensor forward(Tensor x) => Clip(Scale(x), 2.0) + Scale(x.relu());

    private Tensor Scale(Tensor x) => x * gain;

    private Tensor Clip(Tensor x, double limit)
    {
        if (x.max() > limit) return Scale(x) - limit;
        return x;
    }
}

// Static helpers: prim::CallFunction, one with a loop, one calling another.
public sealed class StaticHelperModel : nn.Module<Tensor, Tensor>
{
    public StaticHelperModel() : base(nameof(StaticHelperModel)) { }

    public override Tensor forward(Tensor x) => Helpers.Smooth(x, 3) + Helpers.Shift(x, -0.5);
}

// Free functions called from scripted code.
public static class Helpers
{
    public static Tensor Smooth(Tensor x, int steps)
    {
        for (int i = 0; i < steps; i++) x = Shift(x * 0.5, i);
        return x;
    }

    public static Tensor Shift(Tensor x, double by) => by < 0 ? x - by * by : x + by;
}

// Tuples out of helpers: deconstruction, .Item1/.Item2, a named tuple from a static function.
public sealed class TupleOutModel : nn.Module<Tensor, Tensor>
{
    public TupleOutModel() : base(nameof(TupleOutModel)) { }

    public override Tensor forward(Tensor x)
    {
        var (a, b) = Split(x, 2.0);
        var t = Pair(a);
        return a * b + t.Low - t.High;
    }

    private (Tensor, Tensor) Split(Tensor x, double s) => (x * s, x.relu());

    private static (Tensor Low, Tensor High) Pair(Tensor x) => (x - 1, x + 1);
}

// A tuple into a sub-module (Module<(Tensor, Tensor), Tensor>) and into a helper.
public sealed class TupleInModel : nn.Module<Tensor, Tensor>
{
    private readonly Mix mix = new();

    public TupleInModel() : base(nameof(TupleInModel)) { RegisterComponents(); }

    public override Tensor forward(Tensor x)
    {
        var pair = (x.sigmoid(), x.tanh());
        return mix.forward(pair) + Weigh(pair, 0.25);
    }

    private static Tensor Weigh((Tensor A, Tensor B) p, double w) => p.A * w + p.B * (1 - w);

    private sealed class Mix : nn.Module<(Tensor, Tensor), Tensor>
    {
        public Mix() : base(nameof(Mix)) { }

        public override Tensor forward((Tensor, Tensor) input)
        {
            var (a, b) = input;
            return a.sum() > b.sum() ? a - b : a * b;
        }
    }
}

// A sub-module returning a tuple (Module<Tensor, (Tensor, Tensor)>).
public sealed class TupleSubmoduleOutModel : nn.Module<Tensor, Tensor>
{
    private readonly Halves halves = new();

    public TupleSubmoduleOutModel() : base(nameof(TupleSubmoduleOutModel)) { RegisterComponents(); }

    public override Tensor forward(Tensor x)
    {
        var (low, high) = halves.forward(x);
        return low.sum() > 0 ? high - low : high + low;
    }

    private sealed class Halves : nn.Module<Tensor, (Tensor, Tensor)>
    {
        public Halves() : base(nameof(Halves)) { }

        public override (Tensor, Tensor) forward(Tensor input) => (input.clamp(max: 0), input.clamp(min: 0));
    }
}

// An op with two results (max over a dim: values and indices) read as a C# tuple.
public sealed class MaxDimModel : nn.Module<Tensor, Tensor>
{
    public MaxDimModel() : base(nameof(MaxDimModel)) { }

    public override Tensor forward(Tensor x)
    {
        var (values, _) = x.max(1, keepdim: true);
        var smallest = x.min(1).values;
        return x - values + smallest.sum();
    }
}

// An optional tensor parameter: None checks and the refined tensor after them.
public sealed class OptionalArgModel : nn.Module<Tensor, Tensor>
{
    private readonly Parameter offset = new(ones(3) * 0.5);

    public OptionalArgModel() : base(nameof(OptionalArgModel)) { RegisterComponents(); }

    public override Tensor forward(Tensor x) => Shift(x, null) + Shift(x, offset);

    private static Tensor Shift(Tensor x, Tensor? by)
    {
        if (by is null) return x * 2;
        return x + by;
    }
}

// Overloads of one name become methods forward, Combine and Combine__1.
public sealed class OverloadModel : nn.Module<Tensor, Tensor>
{
    public OverloadModel() : base(nameof(OverloadModel)) { }

    public override Tensor forward(Tensor x) => Combine(x) + Combine(x, 3);

    public Tensor forward(Tensor x, long times) => x * times;

    private Tensor Combine(Tensor x) => forward(x, 2);

    private Tensor Combine(Tensor x, long k) => x - k;
}

// A virtual helper overridden in the derived class: the override is scripted.
public abstract class BaseScaler : nn.Module<Tensor, Tensor>
{
    protected BaseScaler(string name) : base(name) { }

    public override Tensor forward(Tensor x) => Scale(x) + 1;

    protected virtual Tensor Scale(Tensor x) => x;
}

public sealed class VirtualHelperModel : BaseScaler
{
    public VirtualHelperModel() : base(nameof(VirtualHelperModel)) { }

    protected override Tensor Scale(Tensor x) => x.sum() > 0 ? x * 3 : x * -3;
}
