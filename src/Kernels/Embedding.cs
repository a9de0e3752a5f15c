namespace TorchJit.Kernels;

/// <summary>Embedding lookup (PyTorch <c>aten::embedding</c> forward) over a contiguous float table.</summary>
public static class Embedding
{
    /// <summary>
    /// y[i, :] = table[indices[i], :] for a table of [rows, dim]. Every index is checked before anything is
    /// written, so on an error <paramref name="y"/> is untouched; negative indices are errors, as in PyTorch.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside [0, rows): the message names it, its position and rows.</exception>
    /// <exception cref="ArgumentException">A size is negative or a span length does not match rows * dim or indices.Length * dim.</exception>
    public static void Lookup(ReadOnlySpan<float> table, int rows, int dim, ReadOnlySpan<long> indices, Span<float> y)
    {
        const string op = "Embedding";
        ConvShape.RequireAtLeast(op, "rows", rows, 0);
        ConvShape.RequireAtLeast(op, "dim", dim, 0);
        ConvShape.RequireLength(op, nameof(table), table.Length, rows, dim);
        if (y.Length != (long)indices.Length * dim)
        {
            throw new ArgumentException(
                $"{op}: y has {y.Length} elements but {indices.Length} indices * dim {dim} = {(long)indices.Length * dim}", nameof(y));
        }

        for (int i = 0; i < indices.Length; i++)
        {
            if ((ulong)indices[i] >= (ulong)rows)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(indices), indices[i], $"{op}: index {indices[i]} at position {i} is out of range for a table of {rows} rows");
            }
        }

        for (int i = 0; i < indices.Length; i++)
        {
            table.Slice((int)indices[i] * dim, dim).CopyTo(y.Slice(i * dim, dim));
        }
    }
}
