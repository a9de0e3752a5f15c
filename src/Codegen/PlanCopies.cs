using TorchJit.Kernels;

namespace TorchJit.Codegen;

/// <summary>The one copy a plan makes into the caller's output: a result that an op could not write there itself.</summary>
public static class PlanCopies
{
    /// <summary>
    /// Copies <paramref name="source"/> into <paramref name="output"/> (same shape, checked by the plan). The
    /// output is no weight a cache derives from: a plain copy for dense floats, without <c>copy_</c>'s version bump.
    /// </summary>
    public static void IntoOutput(Tensor source, Tensor output)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(output);
        if (source.IsContiguous && source.DType == DType.Float32 && output.DType == DType.Float32) source.Float32Span.CopyTo(output.Float32Span);
        else output.copy_(source);
    }
}
