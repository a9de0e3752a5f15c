namespace TorchJit.Tests.Conformance;

/// <summary>
/// Reference matrix products in float64, each with the magnitude Σ|aᵢₖ·bₖⱼ| its tolerance scales with.
/// matmul follows torch.matmul's rules: a 1-D left operand is a row, a 1-D right operand a column (both
/// removed from the result), and batch dims broadcast.
/// </summary>
internal static class RefLinalg
{
    public static (RefTensor Value, RefTensor Magnitude) MatMul(RefTensor a, RefTensor b)
    {
        var a2 = a.Rank == 1 ? new RefTensor([1, a.Shape[0]], a.Data) : a;
        var b2 = b.Rank == 1 ? new RefTensor([b.Shape[0], 1], b.Data) : b;
        int m = a2.Shape[^2], k = a2.Shape[^1], n = b2.Shape[^1];
        var batch = RefTensor.Broadcast(a2.Shape[..^2], b2.Shape[..^2]);
        int[] full = [.. batch, m, n];
        var value = RefTensor.Zeros(full);
        var magnitude = RefTensor.Zeros(full);
        foreach (var index in RefTensor.Indices(full))
        {
            double sum = 0, abs = 0;
            var left = (int[])index.Clone();
            var right = (int[])index.Clone();
            for (int p = 0; p < k; p++)
            {
                left[^1] = p;
                right[^2] = p;
                double term = a2.At(left) * b2.At(right);
                sum += term;
                abs += Math.Abs(term);
            }

            value[index] = sum;
            magnitude[index] = abs;
        }

        var shape = new List<int>(batch);
        if (a.Rank > 1) shape.Add(m);
        if (b.Rank > 1) shape.Add(n);
        return (new RefTensor([.. shape], value.Data), new RefTensor([.. shape], magnitude.Data));
    }

    /// <summary>input @ weightᵀ + bias over the last dim of input.</summary>
    public static (RefTensor Value, RefTensor Magnitude) Linear(RefTensor input, RefTensor weight, RefTensor? bias)
    {
        var wt = Transpose(weight);
        var (value, magnitude) = MatMul(input, wt);
        if (bias is null) return (value, magnitude);
        return (RefTensor.Map(value, bias, (v, b) => v + b), RefTensor.Map(magnitude, bias, (v, b) => v + Math.Abs(b)));
    }

    public static RefTensor Transpose(RefTensor m)
    {
        var t = RefTensor.Zeros(m.Shape[1], m.Shape[0]);
        for (int i = 0; i < m.Shape[0]; i++)
            for (int j = 0; j < m.Shape[1]; j++) t[[j, i]] = m[[i, j]];
        return t;
    }
}
