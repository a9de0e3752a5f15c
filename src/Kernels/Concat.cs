namespace TorchJit.Kernels;

/// <summary>Concatenation (PyTorch <c>aten::cat</c>) of contiguous tensors of any unmanaged element type.</summary>
public static class Concat
{
    /// <summary>
    /// Concatenates tensors viewed as [outer, axisSizes[i], inner] along the middle axis into dest
    /// [outer, sum(axisSizes), inner]. Pieces with axis size 0 (empty tensors) are allowed and contribute
    /// nothing. dest must not overlap any input.
    /// </summary>
    /// <typeparam name="T">Element type: float, long, bool, ...</typeparam>
    /// <exception cref="ArgumentNullException"><paramref name="inputs"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// The counts of sizes and inputs differ, a size is negative, or a length does not match its shape.
    /// </exception>
    public static void Cat<T>(ReadOnlySpan<int> axisSizes, int outer, int inner, IReadOnlyList<ReadOnlyMemory<T>> inputs, Span<T> dest)
        where T : unmanaged
    {
        const string op = "Cat";
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count != axisSizes.Length)
        {
            throw new ArgumentException($"{op}: {inputs.Count} inputs but {axisSizes.Length} axis sizes", nameof(inputs));
        }

        ConvShape.RequireAtLeast(op, "outer size", outer, 0);
        ConvShape.RequireAtLeast(op, "inner size", inner, 0);
        long total = 0;
        for (int i = 0; i < axisSizes.Length; i++)
        {
            if (axisSizes[i] < 0)
            {
                throw new ArgumentException($"{op}: axis size of input {i} is {axisSizes[i]} but must be at least 0", nameof(axisSizes));
            }

            long expected = (long)outer * axisSizes[i] * inner;
            if (inputs[i].Length != expected)
            {
                throw new ArgumentException(
                    $"{op}: input {i} has {inputs[i].Length} elements but [{outer}, {axisSizes[i]}, {inner}] needs {expected}", nameof(inputs));
            }

            total += axisSizes[i];
        }

        long destExpected = outer * total * inner;
        if (dest.Length != destExpected)
        {
            throw new ArgumentException($"{op}: dest has {dest.Length} elements but [{outer}, {total}, {inner}] needs {destExpected}", nameof(dest));
        }

        // Input by input, so each input's span is fetched once; every row of it is one contiguous copy.
        int destRow = (int)(total * inner);
        int offset = 0;
        for (int i = 0; i < axisSizes.Length; i++)
        {
            int chunk = axisSizes[i] * inner;
            ReadOnlySpan<T> src = inputs[i].Span;
            for (int o = 0; o < outer; o++)
            {
                src.Slice(o * chunk, chunk).CopyTo(dest.Slice((o * destRow) + offset, chunk));
            }

            offset += chunk;
        }
    }
}
