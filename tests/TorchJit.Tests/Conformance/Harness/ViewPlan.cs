namespace TorchJit.Tests.Conformance;

/// <summary>
/// How to build a view of a given logical shape: the base tensor's shape, where each logical element sits in
/// the base (flat position = <see cref="Start"/> + Σ index[d]·<see cref="Steps"/>[d], worked out from the base
/// shape here, independently of the view code under test), and the view call that turns the base into the operand.
/// </summary>
internal sealed class ViewPlan
{
    private ViewPlan(int[] baseShape, int[] steps, int start, Func<Tensor, Tensor> view)
    {
        BaseShape = baseShape;
        Steps = steps;
        Start = start;
        View = view;
    }

    public int[] BaseShape { get; }

    public int[] Steps { get; }

    public int Start { get; }

    public Func<Tensor, Tensor> View { get; }

    public static ViewPlan For(Random rng, int[] shape, Layout layout)
    {
        int rank = shape.Length;
        switch (layout)
        {
            case Layout.Contiguous:
                return new((int[])shape.Clone(), Dense(shape), 0, t => t);

            case Layout.Transposed:
            {
                var perm = Enumerable.Range(0, rank).ToArray();
                (perm[^1], perm[^2]) = (perm[^2], perm[^1]);
                return Permuted(shape, perm, t => t.transpose(-1, -2));
            }

            case Layout.Permuted:
            {
                // A random order that is not the identity: the base holds the dims in order perm, the view puts them back.
                int[] perm;
                do perm = Enumerable.Range(0, rank).OrderBy(_ => rng.Next()).ToArray();
                while (perm.SequenceEqual(Enumerable.Range(0, rank)));
                var inverse = new long[rank];
                for (int i = 0; i < rank; i++) inverse[perm[i]] = i;
                return Permuted(shape, perm, t => t.permute(inverse));
            }

            case Layout.Stepped:
            {
                // base[..., 1::2, ...]: logical i along d sits at 2i + 1.
                int d = rng.Next(rank);
                var baseShape = (int[])shape.Clone();
                baseShape[d] = (2 * shape[d]) + 1;
                var dense = Dense(baseShape);
                var steps = (int[])dense.Clone();
                steps[d] *= 2;
                return new(baseShape, steps, dense[d], t => t.slice(d, 1, null, 2));
            }

            case Layout.Selected:
            {
                // base[..., 1] of a base with a trailing dim of 2.
                int[] baseShape = [.. shape, 2];
                return new(baseShape, Dense(baseShape)[..rank], 1, t => t.select(-1, 1));
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(layout), layout, "expanded operands are generated, not planned");
        }
    }

    // base.shape[k] = shape[perm[k]], so logical dim perm[k] steps by the base's k-th dense stride.
    private static ViewPlan Permuted(int[] shape, int[] perm, Func<Tensor, Tensor> view)
    {
        var baseShape = perm.Select(p => shape[p]).ToArray();
        var dense = Dense(baseShape);
        var steps = new int[shape.Length];
        for (int k = 0; k < perm.Length; k++) steps[perm[k]] = dense[k];
        return new(baseShape, steps, 0, view);
    }

    private static int[] Dense(int[] shape)
    {
        var strides = new int[shape.Length];
        int s = 1;
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            strides[d] = s;
            s *= Math.Max(shape[d], 1);
        }

        return strides;
    }
}
