namespace TorchJit;

/// <summary>Dimension arguments as PyTorch reads them: negative counts from the end; out of range names the op.</summary>
internal static class Dims
{
    public static int Wrap(long dim, int rank, string op)
    {
        int r = Math.Max(rank, 1); // a 0-dim tensor accepts dim 0 and -1, as in PyTorch
        if (dim < -r || dim >= r)
            throw new IndexOutOfRangeException($"{op}: Dimension out of range (expected to be in range of [{-r}, {r - 1}], but got {dim})");
        return (int)(dim < 0 ? dim + r : dim);
    }

    public static int ToSize(long size, string op, string what)
    {
        if (size < 0 || size > int.MaxValue) throw new ArgumentException($"{op}: invalid {what} {size}");
        return (int)size;
    }
}
