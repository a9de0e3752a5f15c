using TorchJit.Kernels;

namespace TorchJit.Ir;

/// <summary>
/// The aten ops: each <c>[Schema]</c> method is the one implementation that eager mode, the interpreter,
/// the constant folder and compiled code call. Partial files group them by family.
/// </summary>
public static partial class AtenOps
{
    /// <summary><c>self + alpha * other</c> with broadcasting.</summary>
    [Schema("aten::add.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor add(Tensor self, Tensor other, Scalar alpha) => IsIntegral(self, other)
        ? IntegerLoops.Binary("aten::add", self, other, (x, y) => x + (alpha.ToInt64() * y))
        : Binary<AddOperator>("aten::add", self, ScaleByAlpha("aten::add", other, alpha));

    /// <summary><c>self + alpha * other</c> for a number <paramref name="other"/>.</summary>
    [Schema("aten::add.Scalar(Tensor self, Scalar other, Scalar alpha=1) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor add(Tensor self, Scalar other, Scalar alpha) =>
        add(self, Tensor.WrapNumber(other), alpha);

    /// <summary><c>self - alpha * other</c> with broadcasting.</summary>
    [Schema("aten::sub.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor sub(Tensor self, Tensor other, Scalar alpha) => IsIntegral(self, other)
        ? IntegerLoops.Binary("aten::sub", self, other, (x, y) => x - (alpha.ToInt64() * y))
        : Binary<SubtractOperator>("aten::sub", self, ScaleByAlpha("aten::sub", other, alpha));

    /// <summary><c>self - alpha * other</c> for a number <paramref name="other"/>.</summary>
    [Schema("aten::sub.Scalar(Tensor self, Scalar other, Scalar alpha=1) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor sub(Tensor self, Scalar other, Scalar alpha) =>
        sub(self, Tensor.WrapNumber(other), alpha);

    /// <summary><c>other - alpha * self</c> for a number <paramref name="other"/> (PyTorch's <c>5 - x</c>).</summary>
    [Schema("aten::rsub.Scalar(Tensor self, Scalar other, Scalar alpha=1) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor rsub(Tensor self, Scalar other, Scalar alpha) =>
        sub(Tensor.WrapNumber(other), self, alpha);

    /// <summary>Elementwise product with broadcasting.</summary>
    [Schema("aten::mul.Tensor(Tensor self, Tensor other) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor mul(Tensor self, Tensor other) => IsIntegral(self, other)
        ? IntegerLoops.Binary("aten::mul", self, other, (x, y) => x * y)
        : Binary<MultiplyOperator>("aten::mul", self, other);

    /// <summary>Product with a number.</summary>
    [Schema("aten::mul.Scalar(Tensor self, Scalar other) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor mul(Tensor self, Scalar other) => mul(self, Tensor.WrapNumber(other));

    /// <summary>True division with broadcasting.</summary>
    [Schema("aten::div.Tensor(Tensor self, Tensor other) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor div(Tensor self, Tensor other) => IsIntegral(self, other)
        ? Binary<DivideOperator>("aten::div", ToFloat(self), ToFloat(other)) // true division: int / int is float, as in PyTorch
        : Binary<DivideOperator>("aten::div", self, other);

    /// <summary>True division by a number.</summary>
    [Schema("aten::div.Scalar(Tensor self, Scalar other) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor div(Tensor self, Scalar other) => div(self, Tensor.WrapNumber(other));

    /// <summary>Negation.</summary>
    [Schema("aten::neg(Tensor self) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor neg(Tensor self) => Unary<NegateOperator>("aten::neg", self);







    // Both operands integer-valued (int64 or bool, not both bool): integer arithmetic, as PyTorch's type promotion gives.
    private static bool IsIntegral(Tensor a, Tensor b) =>
        a.DType != DType.Float32 && b.DType != DType.Float32 && (a.DType == DType.Int64 || b.DType == DType.Int64);

    private static Tensor ToFloat(Tensor t) => Tensor.FromArray(t.ToArray(), t.Shape.ToArray());

    private static Tensor ScaleByAlpha(string op, Tensor other, Scalar alpha) =>
        alpha.Kind == ScalarKind.Int && alpha.ToInt64() == 1 ? other : Binary<MultiplyOperator>(op, other, Tensor.WrapNumber(alpha));

    internal static Tensor Binary<TOp>(string op, Tensor a, Tensor b)
        where TOp : IBinaryOperator
    {
        var x = Operands.AsFloat(op, a, b);
        var y = Operands.AsFloat(op, b, a);
        var shape = Operands.BroadcastShape(op, a, b);
        var result = Tensor.UninitializedFloat32(shape);
        Broadcasting.Binary<TOp>(x, a.Shape, y, b.Shape, result.Float32Span, shape);
        return result;
    }

    internal static Tensor Unary<TOp>(string op, Tensor a)
        where TOp : IUnaryOperator
    {
        var x = Operands.AsFloat(op, a);
        var result = Tensor.UninitializedFloat32(a.Shape);
        Elementwise.Unary<TOp>(x, result.Float32Span);
        return result;
    }
}
