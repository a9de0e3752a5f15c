using TorchJit.Kernels;

namespace TorchJit.Ir;

/// <summary>
/// The aten ops: each <c>[Schema]</c> method is the one implementation that eager mode, the interpreter,
/// the constant folder and compiled code call. Partial files group them by family.
/// </summary>
/// <remarks>
/// Note [Out variants]: an op's <c>name_out</c> method (see <c>OpDef.OutImplementation</c>) writes its result
/// into a given tensor. Where it can, the allocating op allocates and calls it, so the math lives once. The
/// float32 paths allocate nothing in steady state (temporaries live in <see cref="OutScratch"/>); int64, bool
/// and mixed-dtype inputs run the allocating op and copy its result (<see cref="Tensor.CopyResult"/>), since
/// those are indices and masks, small next to the float data.
/// </remarks>
public static partial class AtenOps
{
    /// <summary><c>self + alpha * other</c> with broadcasting.</summary>
    [Schema("aten::add.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor add(Tensor self, Tensor other, Scalar alpha)
    {
        if (!Operands.BothFloat(self, other))
        {
            return IsIntegral(self, other)
                ? AddIntegers("aten::add", self, other, IntegerAlpha("aten::add", self, other, alpha))
                : Binary<AddOperator>("aten::add", self, ScaleByAlpha("aten::add", other, alpha));
        }

        var result = FloatResult("aten::add", self, other);
        add_out(self, other, alpha, result);
        return result;
    }

    internal static void add_out(Tensor self, Tensor other, Scalar alpha, Tensor @out)
    {
        if (Operands.BothFloat(self, other)) ScaledBinaryOut<AddOperator>("aten::add", self, other, alpha, @out);
        else Tensor.CopyResult("aten::add", add(self, other, alpha), @out);
    }

    /// <summary><c>self + alpha * other</c> for a number <paramref name="other"/>.</summary>
    [Schema("aten::add.Scalar(Tensor self, Scalar other, Scalar alpha=1) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor add(Tensor self, Scalar other, Scalar alpha)
    {
        if (self.DType != DType.Float32) return add(self, Tensor.WrapNumber(other), alpha);
        var result = Tensor.UninitializedFloat32(self.Shape);
        add_out(self, other, alpha, result);
        return result;
    }

    internal static void add_out(Tensor self, Scalar other, Scalar alpha, Tensor @out)
    {
        if (self.DType == DType.Float32) ScalarOut<AddOperator>("aten::add", self, ScaledScalar(other, alpha), @out);
        else Tensor.CopyResult("aten::add", add(self, other, alpha), @out);
    }

    /// <summary><c>self - alpha * other</c> with broadcasting.</summary>
    [Schema("aten::sub.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor sub(Tensor self, Tensor other, Scalar alpha)
    {
        if (!Operands.BothFloat(self, other))
        {
            return IsIntegral(self, other)
                ? AddIntegers("aten::sub", self, other, -IntegerAlpha("aten::sub", self, other, alpha))
                : Binary<SubtractOperator>("aten::sub", self, ScaleByAlpha("aten::sub", other, alpha));
        }

        var result = FloatResult("aten::sub", self, other);
        sub_out(self, other, alpha, result);
        return result;
    }

    internal static void sub_out(Tensor self, Tensor other, Scalar alpha, Tensor @out)
    {
        if (Operands.BothFloat(self, other)) ScaledBinaryOut<SubtractOperator>("aten::sub", self, other, alpha, @out);
        else Tensor.CopyResult("aten::sub", sub(self, other, alpha), @out);
    }

    /// <summary><c>self - alpha * other</c> for a number <paramref name="other"/>.</summary>
    [Schema("aten::sub.Scalar(Tensor self, Scalar other, Scalar alpha=1) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor sub(Tensor self, Scalar other, Scalar alpha)
    {
        if (self.DType != DType.Float32) return sub(self, Tensor.WrapNumber(other), alpha);
        var result = Tensor.UninitializedFloat32(self.Shape);
        sub_out(self, other, alpha, result);
        return result;
    }

    internal static void sub_out(Tensor self, Scalar other, Scalar alpha, Tensor @out)
    {
        if (self.DType == DType.Float32) ScalarOut<SubtractOperator>("aten::sub", self, ScaledScalar(other, alpha), @out);
        else Tensor.CopyResult("aten::sub", sub(self, other, alpha), @out);
    }

    /// <summary><c>other - alpha * self</c> for a number <paramref name="other"/> (PyTorch's <c>5 - x</c>).</summary>
    [Schema("aten::rsub.Scalar(Tensor self, Scalar other, Scalar alpha=1) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor rsub(Tensor self, Scalar other, Scalar alpha)
    {
        if (self.DType != DType.Float32) return sub(Tensor.WrapNumber(other), self, alpha);
        var result = Tensor.UninitializedFloat32(self.Shape);
        rsub_out(self, other, alpha, result);
        return result;
    }

    internal static void rsub_out(Tensor self, Scalar other, Scalar alpha, Tensor @out)
    {
        const string op = "aten::sub"; // rsub is sub with the operands swapped, and reports as sub
        if (self.DType != DType.Float32)
        {
            Tensor.CopyResult(op, rsub(self, other, alpha), @out);
            return;
        }

        // alpha * self goes into out first (same shape), then other - out in place.
        var x = Operands.Dense(op, self, ref OutScratch.Left);
        @out.RequireOut("aten::rsub", DType.Float32, self.Shape);
        var y = @out.Float32Span;
        if (IsUnitAlpha(alpha)) x.CopyTo(y);
        else ScaleInto(x, Operands.ScalarAsFloat(alpha), y);
        float number = Operands.ScalarAsFloat(other);
        if (y.Length == 1) y[0] = SubtractOperator.Invoke(number, y[0]);
        else Elementwise.Binary<SubtractOperator>(number, y, y);
    }

    /// <summary>Elementwise product with broadcasting.</summary>
    [Schema("aten::mul.Tensor(Tensor self, Tensor other) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor mul(Tensor self, Tensor other) => IsIntegral(self, other)
        ? IntegerLoops.Binary("aten::mul", self, other, (x, y) => x * y)
        : Binary<MultiplyOperator>("aten::mul", self, other);

    internal static void mul_out(Tensor self, Tensor other, Tensor @out)
    {
        if (Operands.BothFloat(self, other)) BinaryOut<MultiplyOperator>("aten::mul", self, other, @out);
        else Tensor.CopyResult("aten::mul", mul(self, other), @out);
    }

    /// <summary>Product with a number.</summary>
    [Schema("aten::mul.Scalar(Tensor self, Scalar other) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor mul(Tensor self, Scalar other) => self.DType == DType.Float32
        ? ScalarResult<MultiplyOperator>("aten::mul", self, Operands.ScalarAsFloat(other))
        : mul(self, Tensor.WrapNumber(other));

    internal static void mul_out(Tensor self, Scalar other, Tensor @out)
    {
        if (self.DType == DType.Float32) ScalarOut<MultiplyOperator>("aten::mul", self, Operands.ScalarAsFloat(other), @out);
        else Tensor.CopyResult("aten::mul", mul(self, other), @out);
    }

    /// <summary>True division with broadcasting.</summary>
    [Schema("aten::div.Tensor(Tensor self, Tensor other) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor div(Tensor self, Tensor other) => IsIntegral(self, other)
        ? Binary<DivideOperator>("aten::div", ToFloat(self), ToFloat(other)) // true division: int / int is float, as in PyTorch
        : Binary<DivideOperator>("aten::div", self, other);

    internal static void div_out(Tensor self, Tensor other, Tensor @out)
    {
        if (Operands.BothFloat(self, other)) BinaryOut<DivideOperator>("aten::div", self, other, @out);
        else Tensor.CopyResult("aten::div", div(self, other), @out);
    }

    /// <summary>True division by a number.</summary>
    [Schema("aten::div.Scalar(Tensor self, Scalar other) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor div(Tensor self, Scalar other) => self.DType == DType.Float32
        ? ScalarResult<DivideOperator>("aten::div", self, Operands.ScalarAsFloat(other))
        : div(self, Tensor.WrapNumber(other));

    internal static void div_out(Tensor self, Scalar other, Tensor @out)
    {
        if (self.DType == DType.Float32) ScalarOut<DivideOperator>("aten::div", self, Operands.ScalarAsFloat(other), @out);
        else Tensor.CopyResult("aten::div", div(self, other), @out);
    }

    /// <summary>Negation.</summary>
    [Schema("aten::neg(Tensor self) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor neg(Tensor self) => self.DType == DType.Int64
        ? IntegerLoops.Unary("aten::neg", self, x => -x)
        : Unary<NegateOperator>("aten::neg", self);

    internal static void neg_out(Tensor self, Tensor @out)
    {
        if (self.DType == DType.Float32) UnaryOut<NegateOperator>("aten::neg", self, @out);
        else Tensor.CopyResult("aten::neg", neg(self), @out);
    }

    // Both operands integer-valued (int64 or bool, not both bool): integer arithmetic, as PyTorch's type promotion gives.
    private static bool IsIntegral(Tensor a, Tensor b) =>
        a.DType != DType.Float32 && b.DType != DType.Float32 && (a.DType == DType.Int64 || b.DType == DType.Int64);

    private static Tensor AddIntegers(string op, Tensor self, Tensor other, long alpha) =>
        IntegerLoops.Binary(op, self, other, (x, y) => x + (alpha * y));

    private static Tensor ToFloat(Tensor t) => Tensor.FromArray(t.ToArray(), t.Shape.ToArray());

    // alpha * other for a float32 result: an integer `other` (a wrapped int like sub(x, 3, alpha=-1), or an
    // int64 tensor) is converted first, since alpha is an integer too and the float kernel needs a float side.
    private static Tensor ScaleByAlpha(string op, Tensor other, Scalar alpha) =>
        IsUnitAlpha(alpha) ? other
        : Binary<MultiplyOperator>(op, other.DType == DType.Float32 ? other : ToFloat(other), Tensor.WrapNumber(alpha));

    // Only the integer 1 skips the multiply (a float 1.0 multiplies, as the wrapped-number path always did).
    private static bool IsUnitAlpha(Scalar alpha) => alpha.Kind == ScalarKind.Int && alpha.ToInt64() == 1;

    // PyTorch refuses a fractional alpha for integer tensors rather than truncating it.
    private static long IntegerAlpha(string op, Tensor self, Tensor other, Scalar alpha) => alpha.Kind != ScalarKind.Float
        ? alpha.ToInt64()
        : throw new ArgumentException($"{op}: for integral input tensors ({self.Describe()}, {other.Describe()}), argument alpha must not be a floating point number, got {alpha}");

    // alpha * other for a number other, as ScaleByAlpha computes it on the wrapped number (one scalar multiply).
    private static float ScaledScalar(Scalar other, Scalar alpha) => IsUnitAlpha(alpha)
        ? Operands.ScalarAsFloat(other)
        : MultiplyOperator.Invoke(Operands.ScalarAsFloat(other), Operands.ScalarAsFloat(alpha));

    // self op (alpha * other) for float32 tensors; alpha * other lives in OutScratch.Scaled (out may be self).
    private static void ScaledBinaryOut<TOp>(string op, Tensor self, Tensor other, Scalar alpha, Tensor @out)
        where TOp : IBinaryOperator
    {
        if (IsUnitAlpha(alpha))
        {
            BinaryOut<TOp>(op, self, other, @out);
            return;
        }

        var y = Operands.Dense(op, other, ref OutScratch.Right);
        var scaled = OutScratch.Floats(ref OutScratch.Scaled, y.Length);
        ScaleInto(y, Operands.ScalarAsFloat(alpha), scaled);
        var x = Operands.Dense(op, self, ref OutScratch.Left);
        Operands.RequireBroadcastOut(op, self, other, @out, DType.Float32);
        Broadcasting.Binary<TOp>(x, self.Shape, scaled, other.Shape, @out.Float32Span, @out.Shape);
    }

    internal static Tensor Binary<TOp>(string op, Tensor a, Tensor b)
        where TOp : IBinaryOperator
    {
        if (Operands.BothFloat(a, b))
        {
            var result = FloatResult(op, a, b);
            BinaryOut<TOp>(op, a, b, result);
            return result;
        }

        // Mixed dtypes: the int64 or bool side is converted to float32.
        var x = Operands.AsFloat(op, a, b);
        var y = Operands.AsFloat(op, b, a);
        var shape = Operands.BroadcastShape(op, a, b);
        var mixed = Tensor.UninitializedFloat32(shape);
        Broadcasting.Binary<TOp>(x, a.Shape, y, b.Shape, mixed.Float32Span, shape);
        return mixed;
    }

    // a op b for float32 tensors into out (broadcast shape); out may be a or b itself (Note [Elementwise tails]).
    internal static void BinaryOut<TOp>(string op, Tensor a, Tensor b, Tensor @out)
        where TOp : IBinaryOperator
    {
        var x = Operands.Dense(op, a, ref OutScratch.Left);
        var y = Operands.Dense(op, b, ref OutScratch.Right);
        Operands.RequireBroadcastOut(op, a, b, @out, DType.Float32);
        Broadcasting.Binary<TOp>(x, a.Shape, y, b.Shape, @out.Float32Span, @out.Shape);
    }

    private static Tensor ScalarResult<TOp>(string op, Tensor self, float other)
        where TOp : IBinaryOperator
    {
        var result = Tensor.UninitializedFloat32(self.Shape);
        ScalarOut<TOp>(op, self, other, result);
        return result;
    }

    // self op number for a float32 self, as the broadcast walk runs it against a wrapped number.
    private static void ScalarOut<TOp>(string op, Tensor self, float other, Tensor @out)
        where TOp : IBinaryOperator
    {
        var x = Operands.Dense(op, self, ref OutScratch.Left);
        @out.RequireOut(op, DType.Float32, self.Shape);
        BinaryScalar<TOp>(x, other, @out.Float32Span);
    }

    // dest = x * factor, as the broadcast walk multiplies a span by a wrapped number.
    private static void ScaleInto(ReadOnlySpan<float> x, float factor, Span<float> dest) => BinaryScalar<MultiplyOperator>(x, factor, dest);

    // One element runs the scalar operator, as the walk's same-length fast path does for a 1-element tensor.
    private static void BinaryScalar<TOp>(ReadOnlySpan<float> x, float y, Span<float> dest)
        where TOp : IBinaryOperator
    {
        if (x.Length == 1) dest[0] = TOp.Invoke(x[0], y);
        else Elementwise.Binary<TOp>(x, y, dest);
    }

    private static Tensor FloatResult(string op, Tensor a, Tensor b) => Tensor.UninitializedFloat32(Operands.BroadcastShape(op, a, b));

    // The "unary float" ops (exp, log, sin, ...): int64 and bool inputs compute in float32, as PyTorch promotes them.
    internal static Tensor UnaryFloat<TOp>(string op, Tensor a)
        where TOp : IUnaryOperator => Unary<TOp>(op, a.DType == DType.Float32 ? a : ToFloat(a));

    internal static Tensor Unary<TOp>(string op, Tensor a)
        where TOp : IUnaryOperator
    {
        Operands.RequireFloat(op, a);
        var result = Tensor.UninitializedFloat32(a.Shape);
        UnaryOut<TOp>(op, a, result);
        return result;
    }

    // TOp(a) for a float32 a into out (a's shape); out may be a itself.
    internal static void UnaryOut<TOp>(string op, Tensor a, Tensor @out)
        where TOp : IUnaryOperator
    {
        var x = Operands.Dense(op, a, ref OutScratch.Left);
        @out.RequireOut(op, DType.Float32, a.Shape);
        Elementwise.Unary<TOp>(x, @out.Float32Span);
    }

    // The unary float ops' out variants: float32 runs the kernel into out, other dtypes the allocating op.
    private static void UnaryFloatOut<TOp>(string op, Tensor self, Tensor @out, Func<Tensor, Tensor> allocating)
        where TOp : IUnaryOperator
    {
        if (self.DType == DType.Float32) UnaryOut<TOp>(op, self, @out);
        else Tensor.CopyResult(op, allocating(self), @out);
    }
}
