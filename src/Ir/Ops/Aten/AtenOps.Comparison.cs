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

    internal static void gt_out(Tensor self, Tensor other, Tensor @out)
    {
        if (Operands.BothFloat(self, other)) CompareOut<GreaterThanOperator>("aten::gt", self, other, @out);
        else Tensor.CopyResult("aten::gt", gt(self, other), @out);
    }

    /// <summary><c>self &gt; other</c> for a number.</summary>
    [Schema("aten::gt.Scalar(Tensor self, Scalar other) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor gt(Tensor self, Scalar other) => self.DType == DType.Float32
        ? CompareScalar<GreaterThanOperator>("aten::gt", self, other)
        : gt(self, Tensor.WrapNumber(other));

    internal static void gt_out(Tensor self, Scalar other, Tensor @out)
    {
        if (self.DType == DType.Float32) CompareScalarOut<GreaterThanOperator>("aten::gt", self, other, @out);
        else Tensor.CopyResult("aten::gt", gt(self, other), @out);
    }

    /// <summary><c>self &lt; other</c>.</summary>
    [Schema("aten::lt.Tensor(Tensor self, Tensor other) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor lt(Tensor self, Tensor other) => NeitherFloat(self, other)
        ? IntegerLoops.Compare("aten::lt", self, other, (x, y) => x < y)
        : Compare<LessThanOperator>("aten::lt", self, other);

    internal static void lt_out(Tensor self, Tensor other, Tensor @out)
    {
        if (Operands.BothFloat(self, other)) CompareOut<LessThanOperator>("aten::lt", self, other, @out);
        else Tensor.CopyResult("aten::lt", lt(self, other), @out);
    }

    /// <summary><c>self &lt; other</c> for a number.</summary>
    [Schema("aten::lt.Scalar(Tensor self, Scalar other) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor lt(Tensor self, Scalar other) => self.DType == DType.Float32
        ? CompareScalar<LessThanOperator>("aten::lt", self, other)
        : lt(self, Tensor.WrapNumber(other));

    internal static void lt_out(Tensor self, Scalar other, Tensor @out)
    {
        if (self.DType == DType.Float32) CompareScalarOut<LessThanOperator>("aten::lt", self, other, @out);
        else Tensor.CopyResult("aten::lt", lt(self, other), @out);
    }

    /// <summary><c>self &gt;= other</c>.</summary>
    [Schema("aten::ge.Tensor(Tensor self, Tensor other) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor ge(Tensor self, Tensor other) => NeitherFloat(self, other)
        ? IntegerLoops.Compare("aten::ge", self, other, (x, y) => x >= y)
        : Compare<GreaterThanOrEqualOperator>("aten::ge", self, other);

    internal static void ge_out(Tensor self, Tensor other, Tensor @out)
    {
        if (Operands.BothFloat(self, other)) CompareOut<GreaterThanOrEqualOperator>("aten::ge", self, other, @out);
        else Tensor.CopyResult("aten::ge", ge(self, other), @out);
    }

    /// <summary><c>self &gt;= other</c> for a number.</summary>
    [Schema("aten::ge.Scalar(Tensor self, Scalar other) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor ge(Tensor self, Scalar other) => self.DType == DType.Float32
        ? CompareScalar<GreaterThanOrEqualOperator>("aten::ge", self, other)
        : ge(self, Tensor.WrapNumber(other));

    internal static void ge_out(Tensor self, Scalar other, Tensor @out)
    {
        if (self.DType == DType.Float32) CompareScalarOut<GreaterThanOrEqualOperator>("aten::ge", self, other, @out);
        else Tensor.CopyResult("aten::ge", ge(self, other), @out);
    }

    /// <summary><c>self &lt;= other</c>.</summary>
    [Schema("aten::le.Tensor(Tensor self, Tensor other) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor le(Tensor self, Tensor other) => NeitherFloat(self, other)
        ? IntegerLoops.Compare("aten::le", self, other, (x, y) => x <= y)
        : Compare<LessThanOrEqualOperator>("aten::le", self, other);

    internal static void le_out(Tensor self, Tensor other, Tensor @out)
    {
        if (Operands.BothFloat(self, other)) CompareOut<LessThanOrEqualOperator>("aten::le", self, other, @out);
        else Tensor.CopyResult("aten::le", le(self, other), @out);
    }

    /// <summary><c>self &lt;= other</c> for a number.</summary>
    [Schema("aten::le.Scalar(Tensor self, Scalar other) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor le(Tensor self, Scalar other) => self.DType == DType.Float32
        ? CompareScalar<LessThanOrEqualOperator>("aten::le", self, other)
        : le(self, Tensor.WrapNumber(other));

    internal static void le_out(Tensor self, Scalar other, Tensor @out)
    {
        if (self.DType == DType.Float32) CompareScalarOut<LessThanOrEqualOperator>("aten::le", self, other, @out);
        else Tensor.CopyResult("aten::le", le(self, other), @out);
    }

    /// <summary><c>self == other</c> elementwise.</summary>
    [Schema("aten::eq.Tensor(Tensor self, Tensor other) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor eq(Tensor self, Tensor other) => NeitherFloat(self, other)
        ? IntegerLoops.Compare("aten::eq", self, other, (x, y) => x == y)
        : Compare<EqualOperator>("aten::eq", self, other);

    internal static void eq_out(Tensor self, Tensor other, Tensor @out)
    {
        if (Operands.BothFloat(self, other)) CompareOut<EqualOperator>("aten::eq", self, other, @out);
        else Tensor.CopyResult("aten::eq", eq(self, other), @out);
    }

    /// <summary><c>self == other</c> for a number.</summary>
    [Schema("aten::eq.Scalar(Tensor self, Scalar other) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor eq(Tensor self, Scalar other) => self.DType == DType.Float32
        ? CompareScalar<EqualOperator>("aten::eq", self, other)
        : eq(self, Tensor.WrapNumber(other));

    internal static void eq_out(Tensor self, Scalar other, Tensor @out)
    {
        if (self.DType == DType.Float32) CompareScalarOut<EqualOperator>("aten::eq", self, other, @out);
        else Tensor.CopyResult("aten::eq", eq(self, other), @out);
    }

    /// <summary><c>self != other</c> elementwise.</summary>
    [Schema("aten::ne.Tensor(Tensor self, Tensor other) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor ne(Tensor self, Tensor other) => NeitherFloat(self, other)
        ? IntegerLoops.Compare("aten::ne", self, other, (x, y) => x != y)
        : Compare<NotEqualOperator>("aten::ne", self, other);

    internal static void ne_out(Tensor self, Tensor other, Tensor @out)
    {
        if (Operands.BothFloat(self, other)) CompareOut<NotEqualOperator>("aten::ne", self, other, @out);
        else Tensor.CopyResult("aten::ne", ne(self, other), @out);
    }

    /// <summary><c>self != other</c> for a number.</summary>
    [Schema("aten::ne.Scalar(Tensor self, Scalar other) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor ne(Tensor self, Scalar other) => self.DType == DType.Float32
        ? CompareScalar<NotEqualOperator>("aten::ne", self, other)
        : ne(self, Tensor.WrapNumber(other));

    internal static void ne_out(Tensor self, Scalar other, Tensor @out)
    {
        if (self.DType == DType.Float32) CompareScalarOut<NotEqualOperator>("aten::ne", self, other, @out);
        else Tensor.CopyResult("aten::ne", ne(self, other), @out);
    }

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
        var shape = Operands.BroadcastShape(op, a, b);
        var result = Tensor.Empty(DType.Bool, shape);
        if (Operands.BothFloat(a, b))
        {
            CompareOut<TOp>(op, a, b, result);
            return result;
        }

        // One side int64 or bool: it is converted to float32.
        var x = Operands.AsFloat(op, a, b);
        var y = Operands.AsFloat(op, b, a);
        Broadcasting.Compare<TOp>(x, a.Shape, y, b.Shape, result.BoolSpan, shape);
        return result;
    }

    private static void CompareOut<TOp>(string op, Tensor a, Tensor b, Tensor @out)
        where TOp : ICompareOperator
    {
        var x = Operands.Dense(op, a, ref OutScratch.Left);
        var y = Operands.Dense(op, b, ref OutScratch.Right);
        Operands.RequireBroadcastOut(op, a, b, @out, DType.Bool);
        Broadcasting.Compare<TOp>(x, a.Shape, y, b.Shape, @out.BoolSpan, @out.Shape);
    }

    private static Tensor CompareScalar<TOp>(string op, Tensor self, Scalar other)
        where TOp : ICompareOperator
    {
        var result = Tensor.Empty(DType.Bool, self.Shape);
        CompareScalarOut<TOp>(op, self, other, result);
        return result;
    }

    // A float32 self against a number, as the broadcast walk runs it against the wrapped number.
    private static void CompareScalarOut<TOp>(string op, Tensor self, Scalar other, Tensor @out)
        where TOp : ICompareOperator
    {
        var x = Operands.Dense(op, self, ref OutScratch.Left);
        @out.RequireOut(op, DType.Bool, self.Shape);
        float y = Operands.ScalarAsFloat(other);
        var dest = @out.BoolSpan;
        if (x.Length == 1) dest[0] = TOp.Invoke(x[0], y);
        else Elementwise.Compare<TOp>(x, y, dest);
    }
}
