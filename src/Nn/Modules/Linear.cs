namespace TorchJit.Modules;

/// <summary><c>y = x W^T + b</c>, initialised as PyTorch does: weight and bias ~ U(-1/sqrt(in), 1/sqrt(in)).</summary>
public sealed class Linear : torch.nn.Module<Tensor, Tensor>
{
    /// <summary>The weight [out_features, in_features].</summary>
    public Parameter weight;

    /// <summary>The bias [out_features], or null.</summary>
    public Parameter? bias;

    /// <summary>A layer from <paramref name="inputSize"/> to <paramref name="outputSize"/> features.</summary>
    public Linear(long inputSize, long outputSize, bool hasBias = true)
        : base(nameof(Linear))
    {
        if (inputSize <= 0 || outputSize <= 0) throw new ArgumentException($"Linear({inputSize}, {outputSize}): sizes must be positive");
        // kaiming_uniform_(a=sqrt(5)) on [out, in] reduces to U(-1/sqrt(in), 1/sqrt(in)), as does the bias.
        float bound = 1f / MathF.Sqrt(inputSize);
        var w = torch.zeros(outputSize, inputSize);
        torch.DefaultGenerator.FillUniform(w.Float32Span, -bound, bound);
        weight = new Parameter(w);
        register_parameter("weight", weight);
        if (hasBias)
        {
            var b = torch.zeros(outputSize);
            torch.DefaultGenerator.FillUniform(b.Float32Span, -bound, bound);
            bias = new Parameter(b);
        }

        register_parameter("bias", bias);
    }

    /// <inheritdoc/>
    public override string TorchScriptClassName => "__torch__.torch.nn.modules.linear.Linear";

    /// <inheritdoc/>
    public override void RegisterComponents()
    {
        // Registered explicitly in the constructor.
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input) => torch.nn.functional.linear(input, weight, bias);
}
