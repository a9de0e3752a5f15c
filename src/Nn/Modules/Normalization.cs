namespace TorchJit.Modules;

/// <summary>Layer normalization over the trailing <c>normalizedShape</c> dims, weight 1 and bias 0 initially.</summary>
public sealed class LayerNorm : torch.nn.Module<Tensor, Tensor>
{
    /// <summary>The scale, or null without affine.</summary>
    public Parameter? weight;

    /// <summary>The shift, or null without affine.</summary>
    public Parameter? bias;

    private readonly long[] normalizedShape;
    private readonly double eps;

    /// <summary>A layer norm over the last <paramref name="normalizedShape"/> dims.</summary>
    public LayerNorm(long[] normalizedShape, double eps = 1e-5, bool elementwiseAffine = true)
        : base(nameof(LayerNorm))
    {
        this.normalizedShape = normalizedShape;
        this.eps = eps;
        weight = elementwiseAffine ? Init.Constant(1, normalizedShape) : null;
        bias = elementwiseAffine ? Init.Constant(0, normalizedShape) : null;
        register_parameter("weight", weight);
        register_parameter("bias", bias);
    }

    /// <summary>A layer norm over the last dim of size <paramref name="normalizedShape"/>.</summary>
    public LayerNorm(long normalizedShape, double eps = 1e-5)
        : this([normalizedShape], eps)
    {
    }

    /// <inheritdoc/>
    public override string TorchScriptClassName => "__torch__.torch.nn.modules.normalization.LayerNorm";

    /// <inheritdoc/>
    public override void RegisterComponents()
    {
        // Registered explicitly in the constructor.
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input) => torch.nn.functional.layer_norm(input, normalizedShape, weight, bias, eps);
}

/// <summary>Group normalization over [N, C, *] with <c>numGroups</c> groups of channels.</summary>
public sealed class GroupNorm : torch.nn.Module<Tensor, Tensor>
{
    /// <summary>Per-channel scale, or null without affine.</summary>
    public Parameter? weight;

    /// <summary>Per-channel shift, or null without affine.</summary>
    public Parameter? bias;

    private readonly long numGroups;
    private readonly double eps;

    /// <summary>A group norm.</summary>
    public GroupNorm(long numGroups, long numChannels, double eps = 1e-5, bool affine = true)
        : base(nameof(GroupNorm))
    {
        if (numChannels % numGroups != 0) throw new ArgumentException($"GroupNorm: num_channels {numChannels} must be divisible by num_groups {numGroups}");
        this.numGroups = numGroups;
        this.eps = eps;
        weight = affine ? Init.Constant(1, numChannels) : null;
        bias = affine ? Init.Constant(0, numChannels) : null;
        register_parameter("weight", weight);
        register_parameter("bias", bias);
    }

    /// <inheritdoc/>
    public override string TorchScriptClassName => "__torch__.torch.nn.modules.normalization.GroupNorm";

    /// <inheritdoc/>
    public override void RegisterComponents()
    {
        // Registered explicitly in the constructor.
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input) => torch.nn.functional.group_norm(input, numGroups, weight, bias, eps);
}

/// <summary>
/// Batch normalization with running statistics (1-D: [N, C] or [N, C, L]; 2-D: [N, C, H, W]). Inference
/// uses the running mean and variance; training-mode batch statistics are not supported.
/// </summary>
public class BatchNorm : torch.nn.Module<Tensor, Tensor>
{
    /// <summary>Per-channel scale, or null without affine.</summary>
    public Parameter? weight;

    /// <summary>Per-channel shift, or null without affine.</summary>
    public Parameter? bias;

    /// <summary>The running mean (buffer).</summary>
    public Tensor running_mean;

    /// <summary>The running variance (buffer).</summary>
    public Tensor running_var;

    private readonly double eps;
    private readonly double momentum;
    private readonly int rank;

    private protected BatchNorm(string name, int rank, long numFeatures, double eps, double momentum, bool affine)
        : base(name)
    {
        this.rank = rank;
        this.eps = eps;
        this.momentum = momentum;
        weight = affine ? Init.Constant(1, numFeatures) : null;
        bias = affine ? Init.Constant(0, numFeatures) : null;
        register_parameter("weight", weight);
        register_parameter("bias", bias);
        running_mean = torch.zeros(numFeatures);
        running_var = torch.ones(numFeatures);
        register_buffer("running_mean", running_mean);
        register_buffer("running_var", running_var);
        register_buffer("num_batches_tracked", torch.zeros([], torch.int64));
    }

    /// <inheritdoc/>
    public override void RegisterComponents()
    {
        // Registered explicitly in the constructor.
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        if (input.Dim != rank && !(rank == 3 && input.Dim == 2))
            throw new ArgumentException($"{Name}: expected {(rank == 3 ? "2D or 3D" : "4D")} input (got {input.Dim}D input {input.Describe()})");
        return torch.nn.functional.batch_norm(input, running_mean, running_var, weight, bias, training, momentum, eps);
    }
}

/// <summary>Batch normalization over [N, C] or [N, C, L].</summary>
public sealed class BatchNorm1d(long numFeatures, double eps = 1e-5, double momentum = 0.1, bool affine = true)
    : BatchNorm(nameof(BatchNorm1d), 3, numFeatures, eps, momentum, affine)
{
    /// <inheritdoc/>
    public override string TorchScriptClassName => "__torch__.torch.nn.modules.batchnorm.BatchNorm1d";
}

/// <summary>Batch normalization over [N, C, H, W].</summary>
public sealed class BatchNorm2d(long numFeatures, double eps = 1e-5, double momentum = 0.1, bool affine = true)
    : BatchNorm(nameof(BatchNorm2d), 4, numFeatures, eps, momentum, affine)
{
    /// <inheritdoc/>
    public override string TorchScriptClassName => "__torch__.torch.nn.modules.batchnorm.BatchNorm2d";
}
