namespace TorchJit.Kernels;

/// <summary>
/// One grow-only float buffer per thread for the conv and pooling kernels (im2col columns, padded input,
/// GEMM tiles, pooling rows), so steady-state calls allocate nothing. A kernel takes it once and carves
/// its pieces out of it; no kernel that holds it calls another that takes it.
/// </summary>
/// <remarks>The buffer keeps its largest size for the thread's lifetime.</remarks>
internal static class ConvScratch
{
    [ThreadStatic]
    private static float[]? t_buffer;

    /// <summary>This thread's buffer, at least <paramref name="length"/> long. Contents are garbage.</summary>
    public static float[] Get(long length)
    {
        if (length > Array.MaxLength)
        {
            throw new ArgumentException($"scratch of {length} floats is larger than the largest array");
        }

        float[]? buffer = t_buffer;
        if (buffer is null || buffer.Length < length)
        {
            // Grow by at least half again so a sequence of slightly larger calls does not reallocate each time.
            long grown = Math.Max(length, (buffer?.Length ?? 0) * 3L / 2);
            buffer = new float[Math.Min(grown, Array.MaxLength)];
            t_buffer = buffer;
        }

        return buffer;
    }
}
