using static TorchJit.torch;

namespace TorchJit.Zoo;

/// <summary>
/// TorchScript's classic trace-versus-script example: the branch depends on the data, so a trace bakes
/// in whichever branch the example took.
/// </summary>
public sealed class CondModel : nn.Module<Tensor, Tensor>
{
    /// <summary>The model (it has no parameters).</summary>
    public CondModel()
        : base(nameof(CondModel))
    {
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor x)
    {
        if (x.sum() > 10) return x;
        else return x + 10;
    }
}
