using TorchJit.Zoo;
using static TorchJit.torch;

namespace TorchJit.Benchmarks;

/// <summary>Per-call overhead: CondModel on a 2x3 input.</summary>
public class CondModelBenchmarks : EagerVersusCompiled
{
    /// <inheritdoc/>
    protected override nn.Module<Tensor, Tensor> CreateModel() => new CondModel();

    /// <inheritdoc/>
    protected override Tensor CreateInput()
    {
        manual_seed(0);
        return rand(2, 3);
    }
}
