using TorchJit.Zoo;
using static TorchJit.torch;

namespace TorchJit.Benchmarks;

/// <summary>
/// The elementwise chain <c>sigmoid(x * a + b) * tanh(x)</c> on 1,048,576 floats: eager runs five ops, five passes
/// over memory; compiled runs one emitted SIMD loop.
/// </summary>
public class ChainBenchmarks : EagerVersusCompiled
{
    /// <inheritdoc/>
    protected override nn.Module<Tensor, Tensor> CreateModel() => new ChainModel();

    /// <inheritdoc/>
    protected override Tensor CreateInput()
    {
        manual_seed(0);
        return randn(1024, 1024);
    }
}
