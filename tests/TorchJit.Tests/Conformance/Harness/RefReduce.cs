namespace TorchJit.Tests.Conformance;

/// <summary>
/// Reference reductions: for every output position, the values along the reduced dims (in row-major order
/// of those dims) handed to a float64 fold.
/// </summary>
internal static class RefReduce
{
    /// <summary>The dims reduced by a dim list as PyTorch reads it: negative dims wrap, an empty list means all.</summary>
    public static bool[] Reduced(int rank, long[] dims)
    {
        var reduced = new bool[rank];
        if (dims.Length == 0) Array.Fill(reduced, true);
        foreach (long d in dims)
            if (rank > 0) reduced[(int)(d < 0 ? d + rank : d)] = true;
        return reduced;
    }

    public static int[] OutShape(int[] shape, bool[] reduced, bool keepdim) =>
        [.. shape.Select((s, d) => reduced[d] ? (keepdim ? 1 : -1) : s).Where(s => s >= 0)];

    public static RefTensor Fold(RefTensor x, long[] dims, bool keepdim, Func<double[], double> fold)
    {
        var reduced = Reduced(x.Rank, dims);
        var outShape = OutShape(x.Shape, reduced, keepdim);
        var keptDims = Enumerable.Range(0, x.Rank).Where(d => !reduced[d]).ToArray();
        var redDims = Enumerable.Range(0, x.Rank).Where(d => reduced[d]).ToArray();
        var keptShape = keptDims.Select(d => x.Shape[d]).ToArray();
        var redShape = redDims.Select(d => x.Shape[d]).ToArray();
        var result = new double[RefTensor.Count(outShape)];
        var full = new int[x.Rank];
        int o = 0;
        foreach (var kept in RefTensor.Indices(keptShape))
        {
            var values = new double[RefTensor.Count(redShape)];
            int k = 0;
            for (int i = 0; i < keptDims.Length; i++) full[keptDims[i]] = kept[i];
            foreach (var red in RefTensor.Indices(redShape))
            {
                for (int i = 0; i < redDims.Length; i++) full[redDims[i]] = red[i];
                values[k++] = x[full];
            }

            result[o++] = fold(values);
        }

        return new RefTensor(outShape, result);
    }

    public static double Sum(double[] v) => v.Sum();

    public static double SumAbs(double[] v) => v.Sum(Math.Abs);

    public static double Mean(double[] v) => v.Sum() / v.Length;

    /// <summary>Two-pass variance divided by max(0, n - correction), as PyTorch's (0/0 = NaN for one element unbiased).</summary>
    public static double Var(double[] v, double correction)
    {
        double mean = v.Sum() / v.Length;
        double m2 = v.Sum(x => (x - mean) * (x - mean));
        return m2 / Math.Max(0, v.Length - correction);
    }

    /// <summary>The index of the maximum (or minimum): the first NaN if there is one, else the first occurrence.</summary>
    public static int ArgBest(double[] v, bool max)
    {
        int best = 0;
        for (int i = 0; i < v.Length; i++)
        {
            if (double.IsNaN(v[i])) return i;
            if (max ? v[i] > v[best] : v[i] < v[best]) best = i;
        }

        return best;
    }

    /// <summary>max/min with NaN propagating.</summary>
    public static double Best(double[] v, bool max) => v[ArgBest(v, max)];
}
