using TorchJit.Modules;
using static TorchJit.torch;

#if OPTIMIZED_MODELS
namespace TorchJit.Tests.Models.Optimized;
#else
namespace TorchJit.Tests.Models.Unoptimized;
#endif

// What scripting cannot keep it refuses, naming the method and the line: never a wrong graph.
// Each model's offending statement carries a `// refused` comment the tests look for.

// A call the scripter does not know.
public sealed class ConsoleModel : nn.Module<Tensor, Tensor>
{
    public ConsoleModel() : base(nameof(ConsoleModel)) { }
    public override Tensor forward(Tensor x)
    {
        System.Console.WriteLine("side effect"); // refused
        return x;
    }
}

// try/catch: TorchScript has no exception handling.
public sealed class TryCatchModel : nn.Module<Tensor, Tensor>
{
    public TryCatchModel() : base(nameof(TryCatchModel)) { }
    public override Tensor forward(Tensor x)
    {
        try { x = x.view(-1, 7); } // refused
        catch (ArgumentException) { x = x * 2; }

        return x;
    }
}

// A lambda (a delegate): TorchScript has no closures.
public sealed class LambdaModel : nn.Module<Tensor, Tensor>
{
    public LambdaModel() : base(nameof(LambdaModel)) { }
    public override Tensor forward(Tensor x)
    {
        Func<Tensor, Tensor> twice = t => t * 2; // refused
        return twice(x);
    }
}

// An out argument.
public sealed class OutArgumentModel : nn.Module<Tensor, Tensor>
{
    public OutArgumentModel() : base(nameof(OutArgumentModel)) { }
    public override Tensor forward(Tensor x)
    {
        var y = Split(x, out var rest); // refused
        return y + rest;
    }

    private static Tensor Split(Tensor x, out Tensor rest)
    {
        rest = x * 2;
        return x;
    }
}

// A local of a type scripted code has no value for.
public sealed class ListLocalModel : nn.Module<Tensor, Tensor>
{
    public ListLocalModel() : base(nameof(ListLocalModel)) { }
    public override Tensor forward(Tensor x)
    {
        var list = new List<Tensor> { x, x * 2 }; // refused
        return list[1];
    }
}

// An async method exported for scripting.
public sealed class AsyncExportModel : nn.Module<Tensor, Tensor>
{
    public AsyncExportModel() : base(nameof(AsyncExportModel)) { }
    public override Tensor forward(Tensor x) => x;

    [Export]
    public async Task<Tensor> EncodeAsync(Tensor x)
    { // refused
        await Task.Yield();
        return x * 2;
    }
}

// A call to a method marked [Ignore].
public sealed class IgnoredCallModel : nn.Module<Tensor, Tensor>
{
    public IgnoredCallModel() : base(nameof(IgnoredCallModel)) { }
    public override Tensor forward(Tensor x) => Debug(x) + 1; // refused

    [Ignore]
    public Tensor Debug(Tensor x)
    {
        System.Console.WriteLine(x);
        return x;
    }
}

// Recursion.
public sealed class RecursionModel : nn.Module<Tensor, Tensor>
{
    public RecursionModel() : base(nameof(RecursionModel)) { }
    public override Tensor forward(Tensor x) => Halve(x, 3);

    private Tensor Halve(Tensor x, int depth) => depth == 0 ? x : Halve(x * 0.5, depth - 1); // refused
}

// float (System.Single) arithmetic rounds to 32 bits; TorchScript's float is a double.
public sealed class SingleArithmeticModel : nn.Module<Tensor, Tensor>
{
    public SingleArithmeticModel() : base(nameof(SingleArithmeticModel)) { }
    public override Tensor forward(Tensor x)
    {
        float scale = 0.5f;
        scale = scale * scale; // refused
        return x * scale;
    }
}

// break inside a foreach over modules, which TorchScript unrolls.
public sealed class BreakInModuleLoopModel : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<Linear> layers;

    public BreakInModuleLoopModel() : base(nameof(BreakInModuleLoopModel))
    {
        layers = nn.ModuleList(nn.Linear(3, 3), nn.Linear(3, 3));
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        foreach (var layer in layers)
        {
            x = layer.forward(x);
            if (x.sum() > 0) break; // refused
        }

        return x;
    }
}

// Writing a field: scripted code does not mutate module state.
public sealed class FieldWriteModel : nn.Module<Tensor, Tensor>
{
    private long calls;

    public FieldWriteModel() : base(nameof(FieldWriteModel)) { }
    public override Tensor forward(Tensor x)
    {
        calls = calls + 1; // refused
        return x * calls;
    }
}

// checked arithmetic throws on overflow; the graph would not.
public sealed class CheckedModel : nn.Module<Tensor, Tensor>
{
    public CheckedModel() : base(nameof(CheckedModel)) { }
    public override Tensor forward(Tensor x)
    {
        long n = x.size(0);
        long m = checked(n * 1000); // refused
        return x + m;
    }
}

// A static field.
public sealed class StaticFieldModel : nn.Module<Tensor, Tensor>
{
    public static double Gain = 2.5;

    public StaticFieldModel() : base(nameof(StaticFieldModel)) { }
    public override Tensor forward(Tensor x) => x * Gain; // refused
}
