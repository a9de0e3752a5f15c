using TorchJit.Kernels;

namespace TorchJit.Tests.Conformance;

/// <summary>
/// A test input: the tensor handed to the op (often a non-contiguous view) and the logical values the
/// reference reads. The view is checked against the values when it is made, so a broken view maker shows
/// up as a harness failure, not as a wrong op.
/// </summary>
internal sealed class Operand
{
    private Operand(Tensor tensor, RefTensor values, Layout layout, Tensor root)
    {
        Tensor = tensor;
        Values = values;
        Layout = layout;
        Root = root;
    }

    public Tensor Tensor { get; }

    /// <summary>The dense tensor owning the storage <see cref="Tensor"/> views (itself when contiguous): writing into it must show through every view.</summary>
    public Tensor Root { get; }

    public RefTensor Values { get; }

    public Layout Layout { get; }

    public int[] Shape => Values.Shape;

    public override string ToString() => $"{Tensor.Describe()} {Layout}{(Tensor.IsContiguous ? "" : $" strides {RefTensor.Format(Tensor.Stride)} offset {Tensor.StorageOffset}")}";

    /// <summary>A float32 operand of <paramref name="shape"/> with values from <paramref name="sample"/>, laid out as <paramref name="layout"/>.</summary>
    public static Operand Float(Random rng, int[] shape, Layout layout, Func<Random, float> sample) =>
        Make(rng, shape, layout, () => sample(rng), static (a, s) => Tensor.FromArray(a, s), -31337.5f, v => v);

    /// <summary>An int64 operand.</summary>
    public static Operand Int64(Random rng, int[] shape, Layout layout, Func<Random, long> sample) =>
        Make(rng, shape, layout, () => sample(rng), static (a, s) => Tensor.FromArray(a, s), -31337L, v => v);

    /// <summary>A bool operand.</summary>
    public static Operand Bool(Random rng, int[] shape, Layout layout, double pTrue = 0.5) =>
        Make(rng, shape, layout, () => rng.NextDouble() < pTrue, static (a, s) => Tensor.FromArray(a, s), true, v => v ? 1 : 0);

    /// <summary>A float32 operand holding exactly <paramref name="values"/> (no expanded layout: the values need not repeat).</summary>
    public static Operand FromValues(Random rng, float[] values, int[] shape, Layout layout)
    {
        if (layout == Layout.Expanded) layout = Layout.Selected;
        int i = 0;
        return Make(rng, shape, layout, () => values[i++], static (a, s) => Tensor.FromArray(a, s), -31337.5f, v => v);
    }

    private static Operand Make<T>(Random rng, int[] shape, Layout layout, Func<T> next, Func<T[], int[], Tensor> create, T garbage, Func<T, double> toDouble)
    {
        layout = Effective(layout, shape);
        if (layout == Layout.Expanded) return Expanded(rng, shape, next, create, toDouble);

        var values = new T[RefTensor.Count(shape)];
        for (int i = 0; i < values.Length; i++) values[i] = next();
        var plan = ViewPlan.For(rng, shape, layout);
        var storage = new T[RefTensor.Count(plan.BaseShape)];
        Array.Fill(storage, garbage); // elements outside the view: an op that reads them gets a value nothing expects
        int k = 0;
        foreach (var index in RefTensor.Indices(shape))
        {
            int at = plan.Start;
            for (int d = 0; d < index.Length; d++) at += index[d] * plan.Steps[d];
            storage[at] = values[k++];
        }
        var root = create(storage, plan.BaseShape);
        var tensor = plan.View(root);
        var reference = new RefTensor((int[])shape.Clone(), Array.ConvertAll(values, v => toDouble(v)));
        return Checked(new Operand(tensor, reference, layout, root));
    }

    private static Operand Expanded<T>(Random rng, int[] shape, Func<T> next, Func<T[], int[], Tensor> create, Func<T, double> toDouble)
    {
        // Broadcast a random non-empty subset of the dims larger than 1.
        var wide = Enumerable.Range(0, shape.Length).Where(d => shape[d] > 1).ToArray();
        var small = (int[])shape.Clone();
        int pick = wide[rng.Next(wide.Length)];
        foreach (int d in wide)
            if (d == pick || rng.Next(2) == 0) small[d] = 1;
        var values = new T[RefTensor.Count(small)];
        for (int i = 0; i < values.Length; i++) values[i] = next();
        var root = create(values, small);
        var tensor = root.expand([.. shape.Select(s => (long)s)]);
        var smallRef = new RefTensor(small, Array.ConvertAll(values, v => toDouble(v)));
        var reference = RefTensor.Zeros((int[])shape.Clone());
        foreach (var index in RefTensor.Indices(shape)) reference[index] = smallRef.At(index);
        return Checked(new Operand(tensor, reference, Layout.Expanded, root));
    }

    // The layout a shape can take: transposing needs 2 dims, stepping 1, expanding a dim larger than 1.
    private static Layout Effective(Layout layout, int[] shape) => layout switch
    {
        Layout.Transposed or Layout.Permuted when shape.Length < 2 => Effective(Layout.Stepped, shape),
        Layout.Stepped when shape.Length == 0 => Layout.Selected,
        Layout.Expanded when !shape.Any(s => s > 1) => Layout.Selected,
        _ => layout,
    };

    // The harness's own check: the view holds the intended values (read through its strides, not through contiguous()).
    private static Operand Checked(Operand o)
    {
        if (!o.Tensor.Shape.SequenceEqual(o.Shape))
            throw new InvalidOperationException($"harness: {o.Layout} view has shape {RefTensor.Format(o.Tensor.Shape)}, wanted {RefTensor.Format(o.Shape)}");
        var read = Read.Values(o.Tensor);
        for (int i = 0; i < read.Length; i++)
        {
            if (!read[i].Equals(o.Values.Data[i]))
                throw new InvalidOperationException($"harness: {o} holds {read[i]} at flat index {i}, wanted {o.Values.Data[i]}");
        }

        return o;
    }
}
