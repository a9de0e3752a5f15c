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
}
