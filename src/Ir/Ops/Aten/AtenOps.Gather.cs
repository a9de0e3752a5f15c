using TorchJit.Kernels;

namespace TorchJit.Ir;

/// <summary>Embedding lookups, concatenation and stacking.</summary>
public static partial class AtenOps
{
    /// <summary>Rows of <paramref name="weight"/> at <paramref name="indices"/> (any shape): [*indices, dim].</summary>
    [Schema("aten::embedding(Tensor weight, Tensor indices, SymInt padding_idx=-1, bool scale_grad_by_freq=False, bool sparse=False) -> Tensor")]
    public static Tensor embedding(Tensor weight, Tensor indices, long padding_idx, bool scale_grad_by_freq, bool sparse)
    {
        const string op = "aten::embedding";
        if (weight.Dim != 2) throw new ArgumentException($"{op}: weight must be 2-D [num_embeddings, dim], got {weight.Describe()}");
        if (indices.DType != DType.Int64) throw new ArgumentException($"{op}: indices must be an int64 tensor, got {indices.Describe()}");
        int rows = weight.Shape[0], dim = weight.Shape[1];
        var result = Tensor.Empty(DType.Float32, [.. indices.Shape, dim]);
        try
        {
            Embedding.Lookup(Operands.AsFloat(op, weight), rows, dim, indices.contiguous().Int64Span, result.Float32Span);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{op}: weight {weight.Describe()}, indices {indices.Describe()}: {e.Message}", e);
        }

        return result;
    }

    internal static void embedding_out(Tensor weight, Tensor indices, long padding_idx, bool scale_grad_by_freq, bool sparse, Tensor @out)
    {
        const string op = "aten::embedding";
        if (weight.Dim != 2) throw new ArgumentException($"{op}: weight must be 2-D [num_embeddings, dim], got {weight.Describe()}");
        if (indices.DType != DType.Int64) throw new ArgumentException($"{op}: indices must be an int64 tensor, got {indices.Describe()}");
        int rows = weight.Shape[0], dim = weight.Shape[1];
        bool fits = @out.Dim == indices.Dim + 1 && @out.Shape[^1] == dim && @out.Shape[..^1].SequenceEqual(indices.Shape);
        if (!fits) @out.RequireOut(op, DType.Float32, [.. indices.Shape, dim]);
        @out.RequireOut(op, DType.Float32, @out.Shape);
        var table = Operands.Dense(op, weight, ref OutScratch.Left);
        try
        {
            Embedding.Lookup(table, rows, dim, indices.contiguous().Int64Span, @out.Float32Span); // strided indices are copied (int64: allocates)
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{op}: weight {weight.Describe()}, indices {indices.Describe()}: {e.Message}", e);
        }
    }

    /// <summary>Concatenation along <paramref name="dim"/>; all other sizes must match.</summary>
    [Schema("aten::cat(Tensor[] tensors, int dim=0) -> Tensor")]
    public static Tensor cat(Tensor[] tensors, long dim)
    {
        const string op = "aten::cat";
        if (tensors.Length == 0) throw new ArgumentException($"{op}: expected a non-empty list of tensors");
        // PyTorch skips 1-D empty tensors in cat (legacy behaviour kept for compatibility).
        var parts = tensors.Where(t => !(t.Dim == 1 && t.NumElements == 0)).ToArray();
        if (parts.Length == 0) return tensors[0];
        // Mixed dtypes promote as PyTorch's cat does: float32 if any is, else int64 if any is, else bool.
        // The skipped empty tensors take part, as in PyTorch's result_type over the whole list.
        var dtype = tensors.Any(t => t.DType == DType.Float32) ? DType.Float32 : tensors.Any(t => t.DType == DType.Int64) ? DType.Int64 : DType.Bool;
        parts = parts.Select(t => t.DType == dtype ? t : ToDType(t, dtype)).ToArray();
        var first = parts[0];
        if (first.Dim == 0) throw new ArgumentException($"{op}: zero-dimensional tensor cannot be concatenated");
        int d = Dims.Wrap(dim, first.Dim, op);
        int axisTotal = 0;
        var axisSizes = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            var t = parts[i];
            if (t.Dim != first.Dim)
                throw new ArgumentException($"{op}: tensors must have the same number of dimensions, got {first.Describe()} and {t.Describe()} (tensor {i})");
            for (int k = 0; k < t.Dim; k++)
                if (k != d && t.Shape[k] != first.Shape[k])
                    throw new ArgumentException($"{op}: sizes of tensors must match except in dimension {d}: expected size {first.Shape[k]} but got size {t.Shape[k]} for tensor number {i} in the list ({t.Describe()})");
            axisSizes[i] = t.Shape[d];
            axisTotal += t.Shape[d];
        }

        int outer = 1, inner = 1;
        for (int k = 0; k < d; k++) outer *= first.Shape[k];
        for (int k = d + 1; k < first.Dim; k++) inner *= first.Shape[k];
        var shape = first.Shape.ToArray();
        shape[d] = axisTotal;
        var result = Tensor.Empty(dtype, shape);
        switch (dtype)
        {
            case DType.Float32:
                Concat.Cat<float>(axisSizes, outer, inner, parts.Select(p => (ReadOnlyMemory<float>)p.contiguous().data<float>()).ToArray(), result.Float32Span);
                break;
            case DType.Int64:
                Concat.Cat<long>(axisSizes, outer, inner, parts.Select(p => (ReadOnlyMemory<long>)p.contiguous().data<long>()).ToArray(), result.Int64Span);
                break;
            default:
                Concat.Cat<bool>(axisSizes, outer, inner, parts.Select(p => (ReadOnlyMemory<bool>)p.contiguous().data<bool>()).ToArray(), result.BoolSpan);
                break;
        }

        return result;
    }

    // Contiguous float32 parts, none skipped, concatenated into out by block copies (the Concat kernel's order);
    // other lists (mixed dtypes, strided or empty 1-D parts, bad shapes) run cat and copy, which also reports errors.
    internal static void cat_out(Tensor[] tensors, long dim, Tensor @out)
    {
        const string op = "aten::cat";
        if (!PlainCat(tensors, dim, @out, out int d))
        {
            Tensor.CopyResult(op, cat(tensors, dim), @out);
            return;
        }

        var first = tensors[0];
        int outer = 1, inner = 1;
        for (int k = 0; k < d; k++) outer *= first.Shape[k];
        for (int k = d + 1; k < first.Dim; k++) inner *= first.Shape[k];
        var y = @out.Float32Span;
        int at = 0;
        for (int o = 0; o < outer; o++)
        {
            foreach (var t in tensors)
            {
                int block = t.Shape[d] * inner;
                t.Float32Span.Slice(o * block, block).CopyTo(y.Slice(at, block));
                at += block;
            }
        }
    }

    private static bool PlainCat(Tensor[] tensors, long dim, Tensor @out, out int d)
    {
        d = 0;
        if (tensors.Length == 0 || tensors[0].Dim == 0 || @out.DType != DType.Float32 || !@out.IsContiguous || @out.Dim != tensors[0].Dim) return false;
        var first = tensors[0];
        if (dim < -first.Dim || dim >= first.Dim) return false;
        d = (int)(dim < 0 ? dim + first.Dim : dim);
        int axisTotal = 0;
        foreach (var t in tensors)
        {
            if (t.DType != DType.Float32 || !t.IsContiguous || t.Dim != first.Dim || (t.Dim == 1 && t.NumElements == 0)) return false;
            for (int k = 0; k < t.Dim; k++)
                if (k != d && t.Shape[k] != first.Shape[k]) return false;
            axisTotal += t.Shape[d];
        }

        for (int k = 0; k < first.Dim; k++)
            if (@out.Shape[k] != (k == d ? axisTotal : first.Shape[k])) return false;
        return true;
    }

    private static Tensor ToDType(Tensor t, DType dtype) => dtype switch
    {
        DType.Float32 => ToFloat(t),
        _ => Tensor.FromArray(Array.ConvertAll(t.ToArray(), v => (long)v), t.Shape.ToArray()), // only bool reaches here
    };

    /// <summary>Stacks equal-shaped tensors along a new dimension <paramref name="dim"/>.</summary>
    [Schema("aten::stack(Tensor[] tensors, int dim=0) -> Tensor")]
    public static Tensor stack(Tensor[] tensors, long dim)
    {
        const string op = "aten::stack";
        if (tensors.Length == 0) throw new ArgumentException($"{op}: expected a non-empty list of tensors");
        for (int i = 1; i < tensors.Length; i++)
            if (!tensors[i].Shape.SequenceEqual(tensors[0].Shape))
                throw new ArgumentException($"{op}: stack expects each tensor to be equal size, but got {tensors[0].Describe()} at entry 0 and {tensors[i].Describe()} at entry {i}");
        int d = Dims.Wrap(dim, tensors[0].Dim + 1, op);
        return cat(tensors.Select(t => unsqueeze(t, d)).ToArray(), d);
    }

    // Equal-shaped contiguous float32 tensors: entry i's block of inner elements lands at (o * count + i) * inner.
    // Other lists run stack and copy, which also reports errors.
    internal static void stack_out(Tensor[] tensors, long dim, Tensor @out)
    {
        const string op = "aten::stack";
        if (!PlainStack(tensors, dim, @out, out int d))
        {
            Tensor.CopyResult(op, stack(tensors, dim), @out);
            return;
        }

        var shape = tensors[0].Shape;
        int outer = 1, inner = 1, count = tensors.Length;
        for (int k = 0; k < d; k++) outer *= shape[k];
        for (int k = d; k < shape.Length; k++) inner *= shape[k];
        var y = @out.Float32Span;
        for (int i = 0; i < count; i++)
        {
            var x = tensors[i].Float32Span;
            for (int o = 0; o < outer; o++) x.Slice(o * inner, inner).CopyTo(y.Slice(((o * count) + i) * inner, inner));
        }
    }

    private static bool PlainStack(Tensor[] tensors, long dim, Tensor @out, out int d)
    {
        d = 0;
        if (tensors.Length == 0 || @out.DType != DType.Float32 || !@out.IsContiguous) return false;
        var shape = tensors[0].Shape;
        int rank = shape.Length + 1;
        if (dim < -rank || dim >= rank || @out.Dim != rank) return false;
        d = (int)(dim < 0 ? dim + rank : dim);
        foreach (var t in tensors)
            if (t.DType != DType.Float32 || !t.IsContiguous || !t.Shape.SequenceEqual(shape)) return false;
        for (int k = 0; k < rank; k++)
            if (@out.Shape[k] != (k == d ? tensors.Length : shape[k < d ? k : k - 1])) return false;
        return true;
    }
}
