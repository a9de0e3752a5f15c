using TorchJit.Kernels;

namespace TorchJit.Ir;

/// <summary>
/// Type promotion for the float32 kernels, as PyTorch's <c>result_type</c> does for the cases supported:
/// a float tensor with an int64 or bool operand (a wrapped number like <c>x + 10</c>, or any tensor)
/// computes in float32. Integer-only arithmetic is not supported yet and says so.
/// </summary>
internal static class Operands
{
    public static ReadOnlySpan<float> AsFloat(string op, Tensor t, Tensor other)
    {
        // Kernels read dense row-major data: a strided view is gathered first.
        if (t.DType == DType.Float32) return t.contiguous().Float32Span;
        if (other.DType != DType.Float32)
            throw new NotSupportedException($"{op}: {t.Describe()} with {other.Describe()} is not supported yet (only float32 arithmetic has kernels)");
        return t.ReadFloats();
    }

    public static ReadOnlySpan<float> AsFloat(string op, Tensor t)
    {
        if (t.DType == DType.Float32) return t.contiguous().Float32Span;
        throw new NotSupportedException($"{op}: a {t.Describe()} tensor is not supported yet (only float32 has kernels)");
    }

    public static int[] BroadcastShape(string op, Tensor a, Tensor b)
    {
        try
        {
            return Broadcasting.BroadcastShapes(a.Shape, b.Shape);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{op}: {a.Describe()} and {b.Describe()}: {e.Message}", e);
        }
    }
}
