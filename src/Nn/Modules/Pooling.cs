namespace TorchJit.Modules;

/// <summary>2-D max pooling (stride defaults to the kernel size).</summary>
public sealed class MaxPool2d(long kernelSize, long? stride = null, long padding = 0, long dilation = 1, bool ceilMode = false)
    : torch.nn.Module<Tensor, Tensor>(nameof(MaxPool2d))
{
    private readonly long[] kernel = [kernelSize, kernelSize];
    private readonly long[] stride = stride is { } s ? [s, s] : [];
    private readonly long[] padding = [padding, padding];
    private readonly long[] dilation = [dilation, dilation];
    private readonly bool ceilMode = ceilMode;

    /// <inheritdoc/>
    public override string TorchScriptClassName => "__torch__.torch.nn.modules.pooling.MaxPool2d";

    /// <inheritdoc/>
    public override Tensor forward(Tensor input) => torch.nn.functional.max_pool2d(input, kernel, stride, padding, dilation, ceilMode);
}

/// <summary>2-D average pooling (stride defaults to the kernel size).</summary>
public sealed class AvgPool2d(long kernelSize, long? stride = null, long padding = 0, bool ceilMode = false, bool countIncludePad = true)
    : torch.nn.Module<Tensor, Tensor>(nameof(AvgPool2d))
{
    private readonly long[] kernel = [kernelSize, kernelSize];
    private readonly long[] stride = stride is { } s ? [s, s] : [];
    private readonly long[] padding = [padding, padding];
    private readonly bool ceilMode = ceilMode;
    private readonly bool countIncludePad = countIncludePad;

    /// <inheritdoc/>
    public override string TorchScriptClassName => "__torch__.torch.nn.modules.pooling.AvgPool2d";

    /// <inheritdoc/>
    public override Tensor forward(Tensor input) => torch.nn.functional.avg_pool2d(input, kernel, stride, padding, ceilMode, countIncludePad);
}

/// <summary>2-D adaptive average pooling to a fixed output size.</summary>
public sealed class AdaptiveAvgPool2d(long outputHeight, long outputWidth) : torch.nn.Module<Tensor, Tensor>(nameof(AdaptiveAvgPool2d))
{
    private readonly long[] size = [outputHeight, outputWidth];

    /// <inheritdoc/>
    public override string TorchScriptClassName => "__torch__.torch.nn.modules.pooling.AdaptiveAvgPool2d";

    /// <inheritdoc/>
    public override Tensor forward(Tensor input) => torch.nn.functional.adaptive_avg_pool2d(input, size);
}
