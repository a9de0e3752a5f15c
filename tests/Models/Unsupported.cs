using static TorchJit.torch;

#if OPTIMIZED_MODELS
namespace TorchJit.Tests.Models.Optimized;
#else
namespace TorchJit.Tests.Models.Unoptimized;
#endif

// A loop over tensors is not scriptable yet: scripting must refuse it with the method and the line.
public sealed class LoopModel : nn.Module<Tensor, Tensor>
{
    public LoopModel() : base(nameof(LoopModel)) { }
    public override Tensor forward(Tensor x)
    {
        for (int i = 0; i < 3; i++) x = x * 2;
        return x;
    }
}

// A call the scripter does not know: refused, never a wrong graph.
public sealed class ConsoleModel : nn.Module<Tensor, Tensor>
{
    public ConsoleModel() : base(nameof(ConsoleModel)) { }
    public override Tensor forward(Tensor x)
    {
        System.Console.WriteLine("side effect");
        return x;
    }
}
