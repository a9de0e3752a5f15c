using TorchJit.Kernels;

namespace TorchJit.Ir;

/// <summary>Elementwise math: each op is a vectorized operator struct run by the elementwise driver.</summary>
public static partial class AtenOps
{
    /// <summary>|x|.</summary>
    [Schema("aten::abs(Tensor self) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor abs(Tensor self) => self.DType == DType.Int64
        ? IntegerLoops.Unary("aten::abs", self, x => x < 0 ? -x : x)
        : Unary<AbsOperator>("aten::abs", self);

    /// <summary>e^x.</summary>
    [Schema("aten::exp(Tensor self) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor exp(Tensor self) => UnaryFloat<ExpOperator>("aten::exp", self);

    /// <summary>Natural logarithm.</summary>
    [Schema("aten::log(Tensor self) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor log(Tensor self) => UnaryFloat<LogOperator>("aten::log", self);

    /// <summary>Square root.</summary>
    [Schema("aten::sqrt(Tensor self) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor sqrt(Tensor self) => UnaryFloat<SqrtOperator>("aten::sqrt", self);

    /// <summary>1 / sqrt(x).</summary>
    [Schema("aten::rsqrt(Tensor self) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor rsqrt(Tensor self) => UnaryFloat<RsqrtOperator>("aten::rsqrt", self);

    /// <summary>Hyperbolic tangent.</summary>
    [Schema("aten::tanh(Tensor self) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor tanh(Tensor self) => UnaryFloat<TanhOperator>("aten::tanh", self);

    /// <summary>1 / (1 + e^-x).</summary>
    [Schema("aten::sigmoid(Tensor self) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor sigmoid(Tensor self) => UnaryFloat<SigmoidOperator>("aten::sigmoid", self);

    /// <summary>The error function.</summary>
    [Schema("aten::erf(Tensor self) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor erf(Tensor self) => UnaryFloat<ErfOperator>("aten::erf", self);

    /// <summary>Sine.</summary>
    [Schema("aten::sin(Tensor self) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor sin(Tensor self) => UnaryFloat<SinOperator>("aten::sin", self);

    /// <summary>Cosine.</summary>
    [Schema("aten::cos(Tensor self) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor cos(Tensor self) => UnaryFloat<CosOperator>("aten::cos", self);

    /// <summary>x · sigmoid(x).</summary>
    [Schema("aten::silu(Tensor self) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor silu(Tensor self) => Unary<SiluOperator>("aten::silu", self);

    /// <summary>GELU, exact (<c>approximate='none'</c>) or with the tanh formula (<c>'tanh'</c>).</summary>
    [Schema("aten::gelu(Tensor self, *, str approximate='none') -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor gelu(Tensor self, string approximate) => approximate switch
    {
        "none" => Unary<GeluOperator>("aten::gelu", self),
        "tanh" => Unary<GeluTanhOperator>("aten::gelu", self),
        _ => throw new ArgumentException($"aten::gelu: approximate must be 'none' or 'tanh', got '{approximate}'"),
    };

    /// <summary>x if x &gt; 0 else x · slope.</summary>
    [Schema("aten::leaky_relu(Tensor self, Scalar negative_slope=0.01) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor leaky_relu(Tensor self, Scalar negative_slope) =>
        Binary<LeakyReluOperator>("aten::leaky_relu", self, Tensor.WrapNumber(Scalar.FromDouble(negative_slope.ToDouble())));

    /// <summary>
    /// x^exponent for a number exponent. As ATen's CPU kernel, exponent 0.5 is sqrt and -0.5 is rsqrt, which
    /// differ from C's pow on specials (pow(-inf, 0.5) = NaN, pow(-0, -0.5) = -inf); integer tensors with an
    /// integer exponent stay integer.
    /// </summary>
    [Schema("aten::pow.Tensor_Scalar(Tensor self, Scalar exponent) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor pow(Tensor self, Scalar exponent)
    {
        if (self.DType != DType.Float32 && exponent.Kind != ScalarKind.Float) return IntegerPow(self, Tensor.WrapNumber(exponent));
        return exponent.ToDouble() switch
        {
            0.5 => sqrt(self),
            -0.5 => rsqrt(self),
            _ => Binary<PowOperator>("aten::pow", self, Tensor.WrapNumber(exponent)),
        };
    }

    /// <summary>x^y elementwise with broadcasting.</summary>
    [Schema("aten::pow.Tensor_Tensor(Tensor self, Tensor exponent) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor pow(Tensor self, Tensor exponent) => IsIntegral(self, exponent)
        ? IntegerPow(self, exponent)
        : Binary<PowOperator>("aten::pow", self, exponent);

    // Integer powers by squaring, wrapping on overflow as int64 arithmetic does; negative powers are refused, as in PyTorch.
    private static Tensor IntegerPow(Tensor self, Tensor exponent) => IntegerLoops.Binary("aten::pow", self, exponent, (x, y) =>
    {
        if (y < 0) throw new ArgumentException($"aten::pow: integers to negative integer powers are not allowed ({self.Describe()} ** {exponent.Describe()})");
        long result = 1;
        for (; y != 0; y >>= 1, x = unchecked(x * x))
            if ((y & 1) != 0) result = unchecked(result * x);
        return result;
    });

    /// <summary>Elementwise maximum (NaN propagates).</summary>
    [Schema("aten::maximum(Tensor self, Tensor other) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor maximum(Tensor self, Tensor other) => Binary<MaximumOperator>("aten::maximum", self, other);

    /// <summary>Elementwise minimum (NaN propagates).</summary>
    [Schema("aten::minimum(Tensor self, Tensor other) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor minimum(Tensor self, Tensor other) => Binary<MinimumOperator>("aten::minimum", self, other);

    /// <summary>Clamps into [min, max]; a missing bound is no bound; NaN stays NaN.</summary>
    [Schema("aten::clamp(Tensor self, Scalar? min=None, Scalar? max=None) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor clamp(Tensor self, Scalar? min, Scalar? max)
    {
        if (min is null && max is null) throw new ArgumentException("aten::clamp: at least one of 'min' or 'max' must not be None");
        var x = Operands.AsFloat("aten::clamp", self);
        var result = Tensor.Empty(DType.Float32, self.Shape);
        Elementwise.Clamp(x, min?.ToSingle() ?? float.NegativeInfinity, max?.ToSingle() ?? float.PositiveInfinity, result.Float32Span);
        return result;
    }

    /// <summary>clamp(x, min_val, max_val), defaults -1 and 1.</summary>
    [Schema("aten::hardtanh(Tensor self, Scalar min_val=-1, Scalar max_val=1) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor hardtanh(Tensor self, Scalar min_val, Scalar max_val) => clamp(self, min_val, max_val);

    /// <summary>self where condition, else other, all three broadcast.</summary>
    [Schema("aten::where.self(Tensor condition, Tensor self, Tensor other) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor where(Tensor condition, Tensor self, Tensor other)
    {
        if (condition.DType != DType.Bool) throw new ArgumentException($"aten::where: condition must be a bool tensor, got {condition.Describe()}");
        int[] shape;
        try
        {
            shape = Broadcasting.BroadcastShapes(condition.Shape, self.Shape, other.Shape);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"aten::where: {condition.Describe()}, {self.Describe()}, {other.Describe()}: {e.Message}", e);
        }

        // Neither side float: the result keeps their integer (or bool) dtype, as PyTorch's type promotion gives.
        if (self.DType != DType.Float32 && other.DType != DType.Float32) return IntegerLoops.Where("aten::where", condition, self, other, shape);
        var x = Operands.AsFloat("aten::where", self, other);
        var y = Operands.AsFloat("aten::where", other, self);
        var result = Tensor.Empty(DType.Float32, shape);
        Broadcasting.Where(condition.contiguous().BoolSpan, condition.Shape, x, self.Shape, y, other.Shape, result.Float32Span, shape);
        return result;
    }

    /// <summary>self with value where mask is true (mask broadcast to self).</summary>
    [Schema("aten::masked_fill.Scalar(Tensor self, Tensor mask, Scalar value) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor masked_fill(Tensor self, Tensor mask, Scalar value)
    {
        if (mask.DType != DType.Bool) throw new ArgumentException($"aten::masked_fill: only supports boolean masks, but got mask {mask.Describe()} for self {self.Describe()}");
        // The value takes self's dtype (PyTorch casts it), so the result dtype is self's.
        var fill = self.DType switch
        {
            DType.Float32 => Scalar.FromDouble(value.ToDouble()),
            DType.Int64 => Scalar.FromInt64(value.ToInt64()),
            _ => Scalar.FromBool(value.ToDouble() != 0),
        };
        var result = where(mask, Tensor.WrapNumber(fill), self);
        if (!result.Shape.SequenceEqual(self.Shape))
            throw new ArgumentException($"aten::masked_fill: mask {mask.Describe()} is not broadcastable to self {self.Describe()}");
        return result;
    }



















    internal static JitType where_type(IReadOnlyList<JitType> inputs, IReadOnlyList<IValue?> constants)
    {
        DType? a = (inputs[1] as TensorType)?.DType, b = (inputs[2] as TensorType)?.DType;
        DType? dtype = a == DType.Float32 || b == DType.Float32 ? DType.Float32
            : a is null || b is null ? null
            : a == DType.Bool && b == DType.Bool ? DType.Bool : DType.Int64;
        var sizes = OutputTypes.Elementwise("aten::where", inputs) is TensorType { Sizes: { } s } ? s : null;
        return OutputTypes.Complete(dtype, sizes);
    }

    internal static JitType masked_fill_type(IReadOnlyList<JitType> inputs, IReadOnlyList<IValue?> constants) => OutputTypes.Elementwise("aten::masked_fill", inputs.Take(1).ToArray());
}
