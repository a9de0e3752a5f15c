namespace TorchJit.Modules;

/// <summary>2-D convolution over [N, C, H, W], PyTorch's default initialisation.</summary>
public sealed class Conv2d : torch.nn.Module<Tensor, Tensor>
{
    /// <summary>The weight [out, in/groups, kH, kW].</summary>
    public Parameter weight;

    /// <summary>The bias [out], or null.</summary>
    public Parameter? bias;

    private readonly long[] stride, padding, dilation;
    private readonly long groups;

    /// <summary>A convolution layer.</summary>
    public Conv2d(long inChannels, long outChannels, long kernelSize, long stride = 1, long padding = 0, long dilation = 1, long groups = 1, bool bias = true)
        : this(inChannels, outChannels, (kernelSize, kernelSize), (stride, stride), (padding, padding), (dilation, dilation), groups, bias)
    {
    }

    /// <summary>A convolution layer with per-axis sizes.</summary>
    public Conv2d(long inChannels, long outChannels, (long H, long W) kernelSize, (long H, long W) stride, (long H, long W) padding, (long H, long W) dilation, long groups = 1, bool bias = true)
        : base(nameof(Conv2d))
    {
        if (groups <= 0 || inChannels % groups != 0 || outChannels % groups != 0)
            throw new ArgumentException($"Conv2d: in_channels {inChannels} and out_channels {outChannels} must be divisible by groups {groups}");
        long fanIn = inChannels / groups * kernelSize.H * kernelSize.W;
        weight = Init.Uniform(fanIn, outChannels, inChannels / groups, kernelSize.H, kernelSize.W);
        register_parameter("weight", weight);
        this.bias = bias ? Init.Uniform(fanIn, outChannels) : null;
        register_parameter("bias", this.bias);
        this.stride = [stride.H, stride.W];
        this.padding = [padding.H, padding.W];
        this.dilation = [dilation.H, dilation.W];
        this.groups = groups;
    }

    /// <inheritdoc/>
    public override string TorchScriptClassName => "__torch__.torch.nn.modules.conv.Conv2d";

    /// <inheritdoc/>
    public override void RegisterComponents()
    {
        // Registered explicitly in the constructor.
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input) => torch.nn.functional.conv2d(input, weight, bias, stride, padding, dilation, groups);
}

/// <summary>1-D convolution over [N, C, L].</summary>
public sealed class Conv1d : torch.nn.Module<Tensor, Tensor>
{
    /// <summary>The weight [out, in/groups, k].</summary>
    public Parameter weight;

    /// <summary>The bias [out], or null.</summary>
    public Parameter? bias;

    private readonly long[] stride, padding, dilation;
    private readonly long groups;

    /// <summary>A 1-D convolution layer.</summary>
    public Conv1d(long inChannels, long outChannels, long kernelSize, long stride = 1, long padding = 0, long dilation = 1, long groups = 1, bool bias = true)
        : base(nameof(Conv1d))
    {
        if (groups <= 0 || inChannels % groups != 0 || outChannels % groups != 0)
            throw new ArgumentException($"Conv1d: in_channels {inChannels} and out_channels {outChannels} must be divisible by groups {groups}");
        long fanIn = inChannels / groups * kernelSize;
        weight = Init.Uniform(fanIn, outChannels, inChannels / groups, kernelSize);
        register_parameter("weight", weight);
        this.bias = bias ? Init.Uniform(fanIn, outChannels) : null;
        register_parameter("bias", this.bias);
        this.stride = [stride];
        this.padding = [padding];
        this.dilation = [dilation];
        this.groups = groups;
    }

    /// <inheritdoc/>
    public override string TorchScriptClassName => "__torch__.torch.nn.modules.conv.Conv1d";

    /// <inheritdoc/>
    public override void RegisterComponents()
    {
        // Registered explicitly in the constructor.
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input) => torch.nn.functional.conv1d(input, weight, bias, stride, padding, dilation, groups);
}
