using static TorchJit.torch;

namespace TorchJit.Zoo;

/// <summary>
/// The elementwise chain <c>sigmoid(x * a + b) * tanh(x)</c>: five ops that eager mode runs as five passes over
/// memory, and a fusion group runs as one loop.
/// </summary>
public sealed class ChainModel : nn.Module<Tensor, Tensor>
{
    private readonly double a;
    private readonly double b;

    /// <summary>The model with scale <paramref name="a"/> and shift <paramref name="b"/>.</summary>
    public ChainModel(double a = 1.5, double b = -0.25)
        : base(nameof(ChainModel))
    {
        this.a = a;
        this.b = b;
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor x) => ((x * a) + b).sigmoid() * x.tanh();
}
