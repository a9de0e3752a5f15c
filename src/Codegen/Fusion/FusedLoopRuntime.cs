using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TorchJit.Codegen;

/// <summary>The few helpers a compiled fused loop calls once per tensor argument (never per element).</summary>
internal static class FusedLoopRuntime
{
    /// <summary>
    /// A reference to the first element of <paramref name="t"/>, after checking it is a contiguous float32
    /// tensor of <paramref name="elements"/> elements: the loop's sizes are baked in, so a wrong argument would
    /// read or write out of bounds without this check.
    /// </summary>
    public static ref float DataRef(Tensor t, int elements)
    {
        var span = t.Float32Span; // throws for other dtypes and for non-contiguous views
        if (span.Length != elements) throw WrongSize(t, elements);
        return ref MemoryMarshal.GetReference(span);
    }

    /// <summary>The element of a one-element float32 tensor, read once per call.</summary>
    public static float ScalarOf(Tensor t)
    {
        var span = t.Float32Span;
        if (span.Length != 1) throw WrongSize(t, 1);
        return span[0];
    }

    /// <summary>A float32 output of a fused loop that the plan did not place (the loop writes every element).</summary>
    public static Tensor NewOutput(int[] shape) => Tensor.EmptyUninitialized(TorchJit.Kernels.DType.Float32, shape);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ArgumentException WrongSize(Tensor t, int elements) =>
        new($"fused loop: expected a tensor of {elements} elements, got {t.Describe()}");
}
