namespace TorchJit.Onnx;

/// <summary>
/// PyTorch's result type for mixed inputs, on ONNX element types: tensors decide among themselves (bool &lt;
/// int64 &lt; float); a TorchScript number only raises the category (an int tensor plus 1.5 is a float32
/// tensor, a float32 tensor plus a double number stays float32). Numbers alone keep TorchScript's types.
/// </summary>
internal static class Promotion
{
    public static ElemType Result(params Exported[] inputs)
    {
        ElemType? tensors = null;
        ElemType? numbers = null;
        foreach (var e in inputs)
        {
            if (e.IsPlaceholder) continue;
            if (e.IsNumber) numbers = Max(numbers, e.Type);
            else tensors = Max(tensors, e.Type);
        }

        if (tensors is not { } t) return numbers ?? ElemType.Float;
        if (numbers is not { } n || ElemTypes.Category(n) <= ElemTypes.Category(t)) return t;
        // A number of a higher category: the default type of that category.
        return ElemTypes.IsFloating(n) ? ElemType.Float : ElemType.Int64;
    }

    private static ElemType Max(ElemType? a, ElemType b)
    {
        if (a is not { } x) return b;
        if (ElemTypes.Category(x) != ElemTypes.Category(b)) return ElemTypes.Category(x) > ElemTypes.Category(b) ? x : b;
        return x == ElemType.Double || b == ElemType.Double ? ElemType.Double : x;
    }
}
