namespace TorchJit.Ir;

/// <summary>
/// Per-thread buffers the out variants use for temporaries (a strided operand gathered dense, alpha-scaled
/// operands, attention scores), grown on first use and then reused, so a steady-state call allocates nothing.
/// </summary>
/// <remarks>
/// Note [Out scratch]: each buffer has one purpose, and an op holding one never calls an op that uses the same
/// one while it still reads it: <see cref="Left"/>, <see cref="Right"/> and <see cref="Third"/> hold an op's
/// gathered tensor operands for the length of one kernel call; the others belong to the op named beside them.
/// A thread keeps its largest buffers alive, as the GEMM and convolution scratch does.
/// </remarks>
internal static class OutScratch
{
    /// <summary>The first tensor operand, gathered dense when it is a strided view.</summary>
    [ThreadStatic]
    public static float[]? Left;

    /// <summary>The second tensor operand, gathered dense.</summary>
    [ThreadStatic]
    public static float[]? Right;

    /// <summary>A third tensor operand (a bias, the value of an attention), gathered dense.</summary>
    [ThreadStatic]
    public static float[]? Third;

    /// <summary>A fourth tensor operand (a float attention mask, norm statistics), gathered dense.</summary>
    [ThreadStatic]
    public static float[]? Fourth;

    /// <summary>A bool operand (a condition or mask) gathered dense.</summary>
    [ThreadStatic]
    public static bool[]? Mask;

    /// <summary>add and sub: the alpha-scaled other operand.</summary>
    [ThreadStatic]
    public static float[]? Scaled;

    /// <summary>Reductions: the input with its reduced dims moved last, gathered.</summary>
    [ThreadStatic]
    public static float[]? Reduced;

    /// <summary>scaled_dot_product_attention: the scores.</summary>
    [ThreadStatic]
    public static float[]? Scores;

    /// <summary>scaled_dot_product_attention: the masked scores, then the probabilities.</summary>
    [ThreadStatic]
    public static float[]? Probabilities;

    /// <summary>scaled_dot_product_attention: the keys transposed, one [E, S] matrix per key batch.</summary>
    [ThreadStatic]
    public static float[]? KeysTransposed;

    /// <summary>At least <paramref name="length"/> floats of <paramref name="buffer"/> (grown, never shrunk), the first <paramref name="length"/> returned.</summary>
    public static Span<float> Floats(ref float[]? buffer, int length)
    {
        if (buffer is null || buffer.Length < length) buffer = new float[length];
        return buffer.AsSpan(0, length);
    }
}
