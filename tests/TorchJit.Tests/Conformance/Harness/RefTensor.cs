namespace TorchJit.Tests.Conformance;

/// <summary>
/// The scalar reference side of every conformance test: a row-major float64 array with a shape. Reference
/// ops are written as plain loops over it, so they share nothing with the kernels they check.
/// </summary>
internal sealed class RefTensor
{
    public RefTensor(int[] shape, double[] data)
    {
        if (data.Length != Count(shape)) throw new ArgumentException($"shape [{string.Join(", ", shape)}] needs {Count(shape)} values, got {data.Length}");
        Shape = shape;
        Data = data;
    }

    public int[] Shape { get; }

    public double[] Data { get; }

    public int Rank => Shape.Length;

    public int Length => Data.Length;

    public static RefTensor Zeros(params int[] shape) => new(shape, new double[Count(shape)]);

    public static RefTensor Of(float[] values, params int[] shape) => new(shape, Array.ConvertAll(values, v => (double)v));

    public double this[int[] index]
    {
        get => Data[Flat(Shape, index)];
        set => Data[Flat(Shape, index)] = value;
    }

    public RefTensor Map(Func<double, double> f) => new(Shape, Array.ConvertAll(Data, v => f(v)));

    /// <summary>f over the broadcast of <paramref name="a"/> and <paramref name="b"/>, as PyTorch broadcasts.</summary>
    public static RefTensor Map(RefTensor a, RefTensor b, Func<double, double, double> f)
    {
        if (a.Shape.SequenceEqual(b.Shape))
        {
            var same = new double[a.Length];
            for (int i = 0; i < same.Length; i++) same[i] = f(a.Data[i], b.Data[i]);
            return new RefTensor(a.Shape, same);
        }

        var shape = Broadcast(a.Shape, b.Shape);
        var result = Zeros(shape);
        foreach (var index in Indices(shape))
            result[index] = f(a.At(index), b.At(index));
        return result;
    }

    /// <summary>The element a broadcast reads for output position <paramref name="index"/> (trailing dims aligned, size-1 dims repeated).</summary>
    public double At(int[] index)
    {
        int flat = 0;
        int lead = index.Length - Rank;
        for (int d = 0; d < Rank; d++)
            flat = (flat * Shape[d]) + (Shape[d] == 1 ? 0 : index[lead + d]);
        return Data[flat];
    }

    public static int Count(ReadOnlySpan<int> shape)
    {
        int n = 1;
        foreach (int s in shape) n *= s;
        return n;
    }

    public static int Flat(int[] shape, int[] index)
    {
        int flat = 0;
        for (int d = 0; d < shape.Length; d++) flat = (flat * shape[d]) + index[d];
        return flat;
    }

    public static int[] Unflat(int[] shape, int flat)
    {
        var index = new int[shape.Length];
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            index[d] = shape[d] == 0 ? 0 : flat % shape[d];
            flat = shape[d] == 0 ? 0 : flat / shape[d];
        }

        return index;
    }

    /// <summary>Every index of <paramref name="shape"/> in row-major order (one empty index for a 0-dim shape, none for an empty one). The array is reused between steps.</summary>
    public static IEnumerable<int[]> Indices(int[] shape)
    {
        if (Count(shape) == 0) yield break;
        var index = new int[shape.Length];
        while (true)
        {
            yield return index;
            int d = shape.Length - 1;
            while (d >= 0 && ++index[d] == shape[d])
            {
                index[d] = 0;
                d--;
            }

            if (d < 0) yield break;
        }
    }

    /// <summary>PyTorch's broadcast rule; throws when sizes clash (a reference bug, not an op bug).</summary>
    public static int[] Broadcast(params int[][] shapes)
    {
        int rank = shapes.Max(s => s.Length);
        var result = Enumerable.Repeat(1, rank).ToArray();
        foreach (var s in shapes)
        {
            for (int d = 0; d < s.Length; d++)
            {
                int r = rank - s.Length + d;
                if (s[d] == result[r] || s[d] == 1) continue;
                if (result[r] != 1) throw new ArgumentException($"reference: [{string.Join(", ", s)}] does not broadcast");
                result[r] = s[d];
            }
        }

        return result;
    }

    public static string Format(ReadOnlySpan<int> shape) => $"[{string.Join(", ", shape.ToArray())}]";
}
