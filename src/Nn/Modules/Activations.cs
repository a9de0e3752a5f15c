namespace TorchJit.Modules;

/// <summary>GELU as a module (<c>approximate</c>: "none" or "tanh").</summary>
public sealed class GELU(string approximate = "none") : torch.nn.Module<Tensor, Tensor>(nameof(GELU))
{
    private readonly string approximate = approximate;

    /// <inheritdoc/>
    public override string TorchScriptClassName => "__torch__.torch.nn.modules.activation.GELU";

    /// <inheritdoc/>
    public override Tensor forward(Tensor input) => torch.nn.functional.gelu(input, approximate);
}

/// <summary>SiLU (swish) as a module.</summary>
public sealed class SiLU() : torch.nn.Module<Tensor, Tensor>(nameof(SiLU))
{
    /// <inheritdoc/>
    public override string TorchScriptClassName => "__torch__.torch.nn.modules.activation.SiLU";

    /// <inheritdoc/>
    public override Tensor forward(Tensor input) => torch.nn.functional.silu(input);
}

/// <summary>Sigmoid as a module.</summary>
public sealed class Sigmoid() : torch.nn.Module<Tensor, Tensor>(nameof(Sigmoid))
{
    /// <inheritdoc/>
    public override string TorchScriptClassName => "__torch__.torch.nn.modules.activation.Sigmoid";

    /// <inheritdoc/>
    public override Tensor forward(Tensor input) => input.sigmoid();
}

/// <summary>Tanh as a module.</summary>
public sealed class Tanh() : torch.nn.Module<Tensor, Tensor>(nameof(Tanh))
{
    /// <inheritdoc/>
    public override string TorchScriptClassName => "__torch__.torch.nn.modules.activation.Tanh";

    /// <inheritdoc/>
    public override Tensor forward(Tensor input) => input.tanh();
}

/// <summary>Softmax over <c>dim</c> as a module.</summary>
public sealed class Softmax(long dim) : torch.nn.Module<Tensor, Tensor>(nameof(Softmax))
{
    private readonly long dim = dim;

    /// <inheritdoc/>
    public override string TorchScriptClassName => "__torch__.torch.nn.modules.activation.Softmax";

    /// <inheritdoc/>
    public override Tensor forward(Tensor input) => input.softmax(dim);
}

/// <summary>LogSoftmax over <c>dim</c> as a module.</summary>
public sealed class LogSoftmax(long dim) : torch.nn.Module<Tensor, Tensor>(nameof(LogSoftmax))
{
    private readonly long dim = dim;

    /// <inheritdoc/>
    public override string TorchScriptClassName => "__torch__.torch.nn.modules.activation.LogSoftmax";

    /// <inheritdoc/>
    public override Tensor forward(Tensor input) => input.log_softmax(dim);
}
