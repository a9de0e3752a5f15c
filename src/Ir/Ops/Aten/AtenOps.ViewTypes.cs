namespace TorchJit.Ir;

/// <summary>
/// Output types of the view ops, for shape inference (input checks, memory planning, symbolic shapes). Sizes
/// follow the ops; strides are left unknown where the view permutes them (the printer then omits them).
/// </summary>
public static partial class AtenOps
{
    internal static JitType reshape_type(IReadOnlyList<JitType> inputs, IReadOnlyList<IValue?> constants) => Reshaped(inputs, constants);

    internal static JitType view_type(IReadOnlyList<JitType> inputs, IReadOnlyList<IValue?> constants) => Reshaped(inputs, constants);

    internal static JitType flatten_type(IReadOnlyList<JitType> inputs, IReadOnlyList<IValue?> constants)
    {
        if (inputs[0] is not TensorType { Sizes: { } s } x || constants[1]?.ToInt() is not long start || constants[2]?.ToInt() is not long end)
            return Unknown(inputs[0]);
        if (s.Length == 0) return OutputTypes.Complete(x.DType, [1]);
        int a = (int)(start < 0 ? start + s.Length : start), b = (int)(end < 0 ? end + s.Length : end);
        if (a < 0 || b >= s.Length || a > b) return Unknown(inputs[0]);
        int merged = 1;
        for (int i = a; i <= b; i++) merged *= s[i];
        return OutputTypes.Complete(x.DType, [.. s[..a], merged, .. s[(b + 1)..]]);
    }

    internal static JitType transpose_type(IReadOnlyList<JitType> inputs, IReadOnlyList<IValue?> constants)
    {
        if (inputs[0] is not TensorType { Sizes: { } s } x || constants[1]?.ToInt() is not long d0 || constants[2]?.ToInt() is not long d1)
            return Unknown(inputs[0]);
        if (s.Length == 0) return x;
        int a = (int)(d0 < 0 ? d0 + s.Length : d0), b = (int)(d1 < 0 ? d1 + s.Length : d1);
        if (a < 0 || b < 0 || a >= s.Length || b >= s.Length) return Unknown(inputs[0]);
        var sizes = (int[])s.Clone();
        (sizes[a], sizes[b]) = (sizes[b], sizes[a]);
        return new TensorType(x.DType, sizes, null);
    }

    // The index may be computed (a loop counter): it moves the view, never changes its sizes.
    internal static JitType select_type(IReadOnlyList<JitType> inputs, IReadOnlyList<IValue?> constants)
    {
        if (inputs[0] is not TensorType { Sizes: { Length: > 0 } s } x || constants[1]?.ToInt() is not long dim) return Unknown(inputs[0]);
        int d = (int)(dim < 0 ? dim + s.Length : dim);
        if (d < 0 || d >= s.Length) return Unknown(inputs[0]);
        return new TensorType(x.DType, [.. s[..d], .. s[(d + 1)..]], null);
    }

    internal static JitType t_type(IReadOnlyList<JitType> inputs, IReadOnlyList<IValue?> constants) =>
        inputs[0] is TensorType { Sizes: { Length: 2 } s } x ? new TensorType(x.DType, [s[1], s[0]], null)
        : inputs[0] is TensorType { Sizes.Length: < 2 } ? inputs[0] : Unknown(inputs[0]);

    internal static JitType unsqueeze_type(IReadOnlyList<JitType> inputs, IReadOnlyList<IValue?> constants)
    {
        if (inputs[0] is not TensorType { Sizes: { } s } x || constants[1]?.ToInt() is not long dim) return Unknown(inputs[0]);
        int d = (int)(dim < 0 ? dim + s.Length + 1 : dim);
        return d < 0 || d > s.Length ? Unknown(inputs[0]) : OutputTypes.Complete(x.DType, [.. s[..d], 1, .. s[d..]]);
    }

    private static JitType Reshaped(IReadOnlyList<JitType> inputs, IReadOnlyList<IValue?> constants)
    {
        if (inputs[0] is not TensorType { Sizes: { } s } x || constants[1] is not { Kind: IValueKind.IntList } shapeValue) return Unknown(inputs[0]);
        var shape = shapeValue.ToIntList();
        long total = 1;
        foreach (int d in s) total *= d;
        long known = 1;
        int free = -1;
        for (int i = 0; i < shape.Length; i++)
        {
            if (shape[i] == -1 && free < 0) free = i;
            else if (shape[i] < 0) return Unknown(inputs[0]);
            else known *= shape[i];
        }

        var sizes = shape.Select(d => (int)d).ToArray();
        if (free >= 0)
        {
            if (known == 0 || total % known != 0) return Unknown(inputs[0]); // the op itself reports the mismatch
            sizes[free] = (int)(total / known);
        }
        else if (known != total)
        {
            return Unknown(inputs[0]);
        }

        return OutputTypes.Complete(x.DType, sizes);
    }

    private static TensorType Unknown(JitType input) => new(input is TensorType t ? t.DType : null, null, null);
}
