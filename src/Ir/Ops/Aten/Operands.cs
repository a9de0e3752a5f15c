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
        throw NotFloat(op, t);
    }

    /// <summary>
    /// <see cref="AsFloat(string, Tensor)"/> for out variants: a strided view is gathered into
    /// <paramref name="scratch"/> (Note [Out scratch]) instead of a new tensor; same values, same errors.
    /// </summary>
    public static ReadOnlySpan<float> Dense(string op, Tensor t, ref float[]? scratch) =>
        t.DType == DType.Float32 ? t.DenseFloat32(ref scratch) : throw NotFloat(op, t);

    /// <summary>An optional float operand (a bias, an affine weight) read as <see cref="Dense(string, Tensor, ref float[])"/>; empty when absent.</summary>
    public static ReadOnlySpan<float> DenseOrEmpty(string op, Tensor? t, ref float[]? scratch) => t is null ? default : Dense(op, t, ref scratch);

    /// <summary>Throws what <see cref="AsFloat(string, Tensor)"/> throws for a tensor that is not float32.</summary>
    public static void RequireFloat(string op, Tensor t)
    {
        if (t.DType != DType.Float32) throw NotFloat(op, t);
    }

    /// <summary>Both operands float32: the out variants' allocation-free case (mixed dtypes convert, which allocates).</summary>
    public static bool BothFloat(Tensor a, Tensor b) => a.DType == DType.Float32 && b.DType == DType.Float32;

    /// <summary>A number as the float32 kernels read it once wrapped (<see cref="Tensor.WrapNumber"/>) and converted: ints via long, bools as 0 or 1.</summary>
    public static float ScalarAsFloat(Scalar s) => s.Kind switch
    {
        ScalarKind.Float => s.ToSingle(),
        ScalarKind.Bool => s.ToInt64() != 0 ? 1f : 0f,
        _ => s.ToInt64(),
    };

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

    /// <summary>
    /// Checks without allocating that <paramref name="out"/> is a contiguous <paramref name="dtype"/> tensor of
    /// the broadcast shape of <paramref name="a"/> and <paramref name="b"/>; incompatible inputs throw what
    /// <see cref="BroadcastShape"/> throws, a wrong <paramref name="out"/> an <see cref="ArgumentException"/> naming the op.
    /// </summary>
    public static void RequireBroadcastOut(string op, Tensor a, Tensor b, Tensor @out, DType dtype)
    {
        if (!IsBroadcastOf(a.Shape, b.Shape, @out.Shape))
        {
            var shape = BroadcastShape(op, a, b); // throws for incompatible inputs
            @out.RequireOut(op, dtype, shape);
        }

        @out.RequireOut(op, dtype, @out.Shape);
    }

    /// <summary>True when <paramref name="result"/> is exactly the broadcast shape of <paramref name="a"/> and <paramref name="b"/>.</summary>
    public static bool IsBroadcastOf(ReadOnlySpan<int> a, ReadOnlySpan<int> b, ReadOnlySpan<int> result)
    {
        int rank = Math.Max(a.Length, b.Length);
        if (result.Length != rank) return false;
        for (int d = 0; d < rank; d++)
        {
            int sa = SizeAt(a, d, rank), sb = SizeAt(b, d, rank), size = result[d];
            if (sa < 0 || sb < 0 || (sa != size && sa != 1) || (sb != size && sb != 1) || (size != 1 && sa != size && sb != size)) return false;
        }

        return true;
    }

    /// <summary>True when <paramref name="shape"/> broadcasts to <paramref name="target"/> without growing it (a mask to its scores).</summary>
    public static bool BroadcastsTo(ReadOnlySpan<int> shape, ReadOnlySpan<int> target) => IsBroadcastOf(shape, target, target);

    // Size of shape at dim d of a rank-`rank` broadcast (1 where the shape has no such dim).
    private static int SizeAt(ReadOnlySpan<int> shape, int d, int rank)
    {
        int own = d - (rank - shape.Length);
        return own < 0 ? 1 : shape[own];
    }

    private static NotSupportedException NotFloat(string op, Tensor t) =>
        new($"{op}: a {t.Describe()} tensor is not supported yet (only float32 has kernels)");
}
