using TorchJit.Kernels;

namespace TorchJit.Ir;

/// <summary>Comparisons: elementwise, broadcasting, result dtype bool.</summary>
public static partial class AtenOps
{
    /// <summary><c>self &gt; other</c>.</summary>
    [Schema("aten::gt.Tensor(Tensor self, Tensor other) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor gt(Tensor self, Tensor other) => NeitherFloat(self, other)
        ? IntegerLoops.Compare("aten::gt", self, other, (x, y) => x > y)
        : Compare<GreaterThanOperator>("aten::gt", self, other);

    /// <summary><c>self &gt; other</c> for a number.</summary>
    [Schema("aten::gt.Scalar(Tensor self, Scalar other) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor gt(Tensor self, Scalar other) => gt(self, Tensor.WrapNumber(other));

    /// <summary><c>self &lt; other</c>.</summary>
    [Schema("aten::lt.Tensor(Tensor self, Tensor other) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor lt(Tensor self, Tensor other) => NeitherFloat(self, other)
        ? IntegerLoops.Compare("aten::lt", self, other, (x, y) => x < y)
        : Compare<LessThanOperator>("aten::lt", self, other);

    /// <summary><c>self &lt; other</c> for a number.</summary>
    [Schema("aten::lt.Scalar(Tensor self, Scalar other) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor lt(Tensor self, Scalar other) => lt(self, Tensor.WrapNumber(other));

    /// <summary><c>self &gt;= other</c>.</summary>
    [Schema("aten::ge.Tensor(Tensor self, Tensor other) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor ge(Tensor self, Tensor other) => NeitherFloat(self, other)
        ? IntegerLoops.Compare("aten::ge", self, other, (x, y) => x >= y)
        : Compare<GreaterThanOrEqualOperator>("aten::ge", self, other);

    /// <summary><c>self &gt;= other</c> for a number.</summary>
    [Schema("aten::ge.Scalar(Tensor self, Scalar other) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor ge(Tensor self, Scalar other) => ge(self, Tensor.WrapNumber(other));

    /// <summary><c>self &lt;= other</c>.</summary>
    [Schema("aten::le.Tensor(Tensor self, Tensor other) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor le(Tensor self, Tensor other) => NeitherFloat(self, other)
        ? IntegerLoops.Compare("aten::le", self, other, (x, y) => x <= y)
        : Compare<LessThanOrEqualOperator>("aten::le", self, other);

    /// <summary><c>self &lt;= other</c> for a number.</summary>
    [Schema("aten::le.Scalar(Tensor self, Scalar other) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor le(Tensor self, Scalar other) => le(self, Tensor.WrapNumber(other));

    /// <summary><c>self == other</c> elementwise.</summary>
    [Schema("aten::eq.Tensor(Tensor self, Tensor other) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor eq(Tensor self, Tensor other) => NeitherFloat(self, other)
        ? IntegerLoops.Compare("aten::eq", self, other, (x, y) => x == y)
        : Compare<EqualOperator>("aten::eq", self, other);

    /// <summary><c>self == other</c> for a number.</summary>
    [Schema("aten::eq.Scalar(Tensor self, Scalar other) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor eq(Tensor self, Scalar other) => eq(self, Tensor.WrapNumber(other));

    /// <summary><c>self != other</c> elementwise.</summary>
    [Schema("aten::ne.Tensor(Tensor self, Tensor other) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor ne(Tensor self, Tensor other) => NeitherFloat(self, other)
        ? IntegerLoops.Compare("aten::ne", self, other, (x, y) => x != y)
        : Compare<NotEqualOperator>("aten::ne", self, other);

    /// <summary><c>self != other</c> for a number.</summary>
    [Schema("aten::ne.Scalar(Tensor self, Scalar other) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor ne(Tensor self, Scalar other) => ne(self, Tensor.WrapNumber(other));

    internal static JitType gt_type(IReadOnlyList<JitType> inputs, IReadOnlyList<IValue?> constants) => OutputTypes.Elementwise("aten::gt", inputs, DType.Bool);

    internal static JitType lt_type(IReadOnlyList<JitType> inputs, IReadOnlyList<IValue?> constants) => OutputTypes.Elementwise("aten::lt", inputs, DType.Bool);

    internal static JitType ge_type(IReadOnlyList<JitType> inputs, IReadOnlyList<IValue?> constants) => OutputTypes.Elementwise("aten::ge", inputs, DType.Bool);

    internal static JitType le_type(IReadOnlyList<JitType> inputs, IReadOnlyList<IValue?> constants) => OutputTypes.Elementwise("aten::le", inputs, DType.Bool);

    internal static JitType eq_type(IReadOnlyList<JitType> inputs, IReadOnlyList<IValue?> constants) => OutputTypes.Elementwise("aten::eq", inputs, DType.Bool);

    internal static JitType ne_type(IReadOnlyList<JitType> inputs, IReadOnlyList<IValue?> constants) => OutputTypes.Elementwise("aten::ne", inputs, DType.Bool);

    // int64 and bool compare as integers (bool with bool too: False < True), exactly; float32 on either side compares in float32.
    private static bool NeitherFloat(Tensor a, Tensor b) => a.DType != DType.Float32 && b.DType != DType.Float32;

    private static Tensor Compare<TOp>(string op, Tensor a, Tensor b)
        where TOp : ICompareOperator
    {
        var x = Operands.AsFloat(op, a, b);
        var y = Operands.AsFloat(op, b, a);
        var shape = Operands.BroadcastShape(op, a, b);
        var result = Tensor.Empty(DType.Bool, shape);
        Broadcasting.Compare<TOp>(x, a.Shape, y, b.Shape, result.BoolSpan, shape);
        return result;
    }
}
