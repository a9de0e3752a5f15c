namespace TorchJit;

/// <summary>A tensor registered as a module's trainable parameter (PyTorch's <c>nn.Parameter</c>).</summary>
public sealed class Parameter : Tensor
{
    /// <summary>Wraps <paramref name="data"/> (sharing its storage).</summary>
    public Parameter(Tensor data, bool requires_grad = true)
        : base(data) => this.requires_grad = requires_grad;

    /// <summary>Recorded for fidelity; this library does inference only.</summary>
    public bool requires_grad { get; }
}
