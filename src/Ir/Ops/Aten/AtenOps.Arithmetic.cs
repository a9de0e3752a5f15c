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
        ? AddIntegers("aten::add", self, other, IntegerAlpha("aten::add", self, other, alpha))
        : Binary<AddOperator>("aten::add", self, ScaleByAlpha("aten::add", other, alpha));

    /// <summary><c>self + alpha * other</c> for a number <paramref name="other"/>.</summary>
    [Schema("aten::add.Scalar(Tensor self, Scalar other, Scalar alpha=1) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor add(Tensor self, Scalar other, Scalar alpha) =>
        add(self, Tensor.WrapNumber(other), alpha);

    /// <summary><c>self - alpha * other</c> with broadcasting.</summary>
    [Schema("aten::sub.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor sub(Tensor self, Tensor other, Scalar alpha) => IsIntegral(self, other)
        ? AddIntegers("aten::sub", self, other, -IntegerAlpha("aten::sub", self, other, alpha))
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
    public static Tensor neg(Tensor self) => self.DType == DType.Int64
        ? IntegerLoops.Unary("aten::neg", self, x => -x)
        : Unary<NegateOperator>("aten::neg", self);







    // Both operands integer-valued (int64 or bool, not both bool): integer arithmetic, as PyTorch's type promotion gives.
    private static bool IsIntegral(Tensor a, Tensor b) =>
        a.DType != DType.Float32 && b.DType != DType.Float32 && (a.DType == DType.Int64 || b.DType == DType.Int64);

    private static Tensor AddIntegers(string op, Tensor self, Tensor other, long alpha) =>
        IntegerLoops.Binary(op, self, other, (x, y) => x + (alpha * y));

    private static Tensor ToFloat(Tensor t) => Tensor.FromArray(t.ToArray(), t.Shape.ToArray());

    // alpha * other for a float32 result: an integer `other` (a wrapped int like sub(x, 3, alpha=-1), or an
    // int64 tensor) is converted first, since alpha is an integer too and the float kernel needs a float side.
    private static Tensor ScaleByAlpha(string op, Tensor other, Scalar alpha) =>
        alpha.Kind == ScalarKind.Int && alpha.ToInt64() == 1 ? other
        : Binary<MultiplyOperator>(op, other.DType == DType.Float32 ? other : ToFloat(other), Tensor.WrapNumber(alpha));

    // PyTorch refuses a fractional alpha for integer tensors rather than truncating it.
    private static long IntegerAlpha(string op, Tensor self, Tensor other, Scalar alpha) => alpha.Kind != ScalarKind.Float
        ? alpha.ToInt64()
        : throw new ArgumentException($"{op}: for integral input tensors ({self.Describe()}, {other.Describe()}), argument alpha must not be a floating point number, got {alpha}");

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

    // The "unary float" ops (exp, log, sin, ...): int64 and bool inputs compute in float32, as PyTorch promotes them.
    internal static Tensor UnaryFloat<TOp>(string op, Tensor a)
        where TOp : IUnaryOperator => Unary<TOp>(op, a.DType == DType.Float32 ? a : ToFloat(a));

    internal static Tensor Unary<TOp>(string op, Tensor a)
        where TOp : IUnaryOperator
    {
        var x = Operands.AsFloat(op, a);
        var result = Tensor.UninitializedFloat32(a.Shape);
        Elementwise.Unary<TOp>(x, result.Float32Span);
        return result;
    }
}
