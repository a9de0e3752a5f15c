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

    internal static void abs_out(Tensor self, Tensor @out)
    {
        if (self.DType == DType.Float32) UnaryOut<AbsOperator>("aten::abs", self, @out);
        else Tensor.CopyResult("aten::abs", abs(self), @out);
    }

    /// <summary>e^x.</summary>
    [Schema("aten::exp(Tensor self) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor exp(Tensor self) => UnaryFloat<ExpOperator>("aten::exp", self);

    internal static void exp_out(Tensor self, Tensor @out) => UnaryFloatOut<ExpOperator>("aten::exp", self, @out, exp);

    /// <summary>Natural logarithm.</summary>
    [Schema("aten::log(Tensor self) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor log(Tensor self) => UnaryFloat<LogOperator>("aten::log", self);

    internal static void log_out(Tensor self, Tensor @out) => UnaryFloatOut<LogOperator>("aten::log", self, @out, log);

    /// <summary>Square root.</summary>
    [Schema("aten::sqrt(Tensor self) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor sqrt(Tensor self) => UnaryFloat<SqrtOperator>("aten::sqrt", self);

    internal static void sqrt_out(Tensor self, Tensor @out) => UnaryFloatOut<SqrtOperator>("aten::sqrt", self, @out, sqrt);

    /// <summary>1 / sqrt(x).</summary>
    [Schema("aten::rsqrt(Tensor self) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor rsqrt(Tensor self) => UnaryFloat<RsqrtOperator>("aten::rsqrt", self);

    internal static void rsqrt_out(Tensor self, Tensor @out) => UnaryFloatOut<RsqrtOperator>("aten::rsqrt", self, @out, rsqrt);

    /// <summary>Hyperbolic tangent.</summary>
    [Schema("aten::tanh(Tensor self) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor tanh(Tensor self) => UnaryFloat<TanhOperator>("aten::tanh", self);

    internal static void tanh_out(Tensor self, Tensor @out) => UnaryFloatOut<TanhOperator>("aten::tanh", self, @out, tanh);

    /// <summary>1 / (1 + e^-x).</summary>
    [Schema("aten::sigmoid(Tensor self) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor sigmoid(Tensor self) => UnaryFloat<SigmoidOperator>("aten::sigmoid", self);

    internal static void sigmoid_out(Tensor self, Tensor @out) => UnaryFloatOut<SigmoidOperator>("aten::sigmoid", self, @out, sigmoid);

    /// <summary>The error function.</summary>
    [Schema("aten::erf(Tensor self) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor erf(Tensor self) => UnaryFloat<ErfOperator>("aten::erf", self);

    internal static void erf_out(Tensor self, Tensor @out) => UnaryFloatOut<ErfOperator>("aten::erf", self, @out, erf);

    /// <summary>Sine.</summary>
    [Schema("aten::sin(Tensor self) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor sin(Tensor self) => UnaryFloat<SinOperator>("aten::sin", self);

    internal static void sin_out(Tensor self, Tensor @out) => UnaryFloatOut<SinOperator>("aten::sin", self, @out, sin);

    /// <summary>Cosine.</summary>
    [Schema("aten::cos(Tensor self) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor cos(Tensor self) => UnaryFloat<CosOperator>("aten::cos", self);

    internal static void cos_out(Tensor self, Tensor @out) => UnaryFloatOut<CosOperator>("aten::cos", self, @out, cos);

    /// <summary>x · sigmoid(x).</summary>
    [Schema("aten::silu(Tensor self) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor silu(Tensor self) => Unary<SiluOperator>("aten::silu", self);

    internal static void silu_out(Tensor self, Tensor @out) => UnaryOut<SiluOperator>("aten::silu", self, @out);

    /// <summary>GELU, exact (<c>approximate='none'</c>) or with the tanh formula (<c>'tanh'</c>).</summary>
    [Schema("aten::gelu(Tensor self, *, str approximate='none') -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor gelu(Tensor self, string approximate) => approximate switch
    {
        "none" => Unary<GeluOperator>("aten::gelu", self),
        "tanh" => Unary<GeluTanhOperator>("aten::gelu", self),
        _ => throw new ArgumentException($"aten::gelu: approximate must be 'none' or 'tanh', got '{approximate}'"),
    };

    internal static void gelu_out(Tensor self, string approximate, Tensor @out)
    {
        switch (approximate)
        {
            case "none": UnaryOut<GeluOperator>("aten::gelu", self, @out); break;
            case "tanh": UnaryOut<GeluTanhOperator>("aten::gelu", self, @out); break;
            default: throw new ArgumentException($"aten::gelu: approximate must be 'none' or 'tanh', got '{approximate}'");
        }
    }

    /// <summary>x if x &gt; 0 else x · slope.</summary>
    [Schema("aten::leaky_relu(Tensor self, Scalar negative_slope=0.01) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor leaky_relu(Tensor self, Scalar negative_slope) => self.DType == DType.Float32
        ? ScalarResult<LeakyReluOperator>("aten::leaky_relu", self, (float)negative_slope.ToDouble())
        : Binary<LeakyReluOperator>("aten::leaky_relu", self, Tensor.WrapNumber(Scalar.FromDouble(negative_slope.ToDouble())));

    internal static void leaky_relu_out(Tensor self, Scalar negative_slope, Tensor @out)
    {
        if (self.DType == DType.Float32) ScalarOut<LeakyReluOperator>("aten::leaky_relu", self, (float)negative_slope.ToDouble(), @out);
        else Tensor.CopyResult("aten::leaky_relu", leaky_relu(self, negative_slope), @out);
    }

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

    internal static void pow_out(Tensor self, Scalar exponent, Tensor @out)
    {
        if (self.DType != DType.Float32)
        {
            Tensor.CopyResult("aten::pow", pow(self, exponent), @out);
            return;
        }

        switch (exponent.ToDouble())
        {
            case 0.5: UnaryOut<SqrtOperator>("aten::sqrt", self, @out); break;
            case -0.5: UnaryOut<RsqrtOperator>("aten::rsqrt", self, @out); break;
            default: ScalarOut<PowOperator>("aten::pow", self, Operands.ScalarAsFloat(exponent), @out); break;
        }
    }

    /// <summary>x^y elementwise with broadcasting.</summary>
    [Schema("aten::pow.Tensor_Tensor(Tensor self, Tensor exponent) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor pow(Tensor self, Tensor exponent) => IsIntegral(self, exponent)
        ? IntegerPow(self, exponent)
        : Binary<PowOperator>("aten::pow", self, exponent);

    internal static void pow_out(Tensor self, Tensor exponent, Tensor @out)
    {
        if (Operands.BothFloat(self, exponent)) BinaryOut<PowOperator>("aten::pow", self, exponent, @out);
        else Tensor.CopyResult("aten::pow", pow(self, exponent), @out);
    }

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

    internal static void maximum_out(Tensor self, Tensor other, Tensor @out)
    {
        if (Operands.BothFloat(self, other)) BinaryOut<MaximumOperator>("aten::maximum", self, other, @out);
        else Tensor.CopyResult("aten::maximum", maximum(self, other), @out);
    }

    /// <summary>Elementwise minimum (NaN propagates).</summary>
    [Schema("aten::minimum(Tensor self, Tensor other) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor minimum(Tensor self, Tensor other) => Binary<MinimumOperator>("aten::minimum", self, other);

    internal static void minimum_out(Tensor self, Tensor other, Tensor @out)
    {
        if (Operands.BothFloat(self, other)) BinaryOut<MinimumOperator>("aten::minimum", self, other, @out);
        else Tensor.CopyResult("aten::minimum", minimum(self, other), @out);
    }

    /// <summary>Clamps into [min, max]; a missing bound is no bound; NaN stays NaN.</summary>
    [Schema("aten::clamp(Tensor self, Scalar? min=None, Scalar? max=None) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor clamp(Tensor self, Scalar? min, Scalar? max)
    {
        if (min is null && max is null) throw new ArgumentException("aten::clamp: at least one of 'min' or 'max' must not be None");
        Operands.RequireFloat("aten::clamp", self);
        var result = Tensor.UninitializedFloat32(self.Shape);
        clamp_out(self, min, max, result);
        return result;
    }

    internal static void clamp_out(Tensor self, Scalar? min, Scalar? max, Tensor @out) => ClampInto("aten::clamp", self, min, max, @out);

    // clamp into out, which is checked in the name of outOp (hardtanh's own).
    private static void ClampInto(string outOp, Tensor self, Scalar? min, Scalar? max, Tensor @out)
    {
        if (min is null && max is null) throw new ArgumentException("aten::clamp: at least one of 'min' or 'max' must not be None");
        var x = Operands.Dense("aten::clamp", self, ref OutScratch.Left);
        @out.RequireOut(outOp, DType.Float32, self.Shape);
        Elementwise.Clamp(x, min?.ToSingle() ?? float.NegativeInfinity, max?.ToSingle() ?? float.PositiveInfinity, @out.Float32Span);
    }

    /// <summary>clamp(x, min_val, max_val), defaults -1 and 1.</summary>
    [Schema("aten::hardtanh(Tensor self, Scalar min_val=-1, Scalar max_val=1) -> Tensor", OpTraits.Pure | OpTraits.Elementwise)]
    public static Tensor hardtanh(Tensor self, Scalar min_val, Scalar max_val) => clamp(self, min_val, max_val);

    internal static void hardtanh_out(Tensor self, Scalar min_val, Scalar max_val, Tensor @out) => ClampInto("aten::hardtanh", self, min_val, max_val, @out);

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
        var result = Tensor.UninitializedFloat32(shape);
        if (Operands.BothFloat(self, other))
        {
            where_out(condition, self, other, result);
            return result;
        }

        var x = Operands.AsFloat("aten::where", self, other);
        var y = Operands.AsFloat("aten::where", other, self);
        Broadcasting.Where(condition.contiguous().BoolSpan, condition.Shape, x, self.Shape, y, other.Shape, result.Float32Span, shape);
        return result;
    }

    internal static void where_out(Tensor condition, Tensor self, Tensor other, Tensor @out)
    {
        const string op = "aten::where";
        if (condition.DType != DType.Bool || !Operands.BothFloat(self, other) || !IsWhereShape(condition.Shape, self.Shape, other.Shape, @out.Shape))
        {
            Tensor.CopyResult(op, where(condition, self, other), @out); // throws for bad arguments; else a mixed-dtype where
            return;
        }

        @out.RequireOut(op, DType.Float32, @out.Shape);
        var c = condition.DenseBool(ref OutScratch.Mask);
        var x = Operands.Dense(op, self, ref OutScratch.Left);
        var y = Operands.Dense(op, other, ref OutScratch.Right);
        Broadcasting.Where(c, condition.Shape, x, self.Shape, y, other.Shape, @out.Float32Span, @out.Shape);
    }

    // True when result is exactly the broadcast of the three shapes (checked without building it).
    private static bool IsWhereShape(ReadOnlySpan<int> a, ReadOnlySpan<int> b, ReadOnlySpan<int> c, ReadOnlySpan<int> result)
    {
        int rank = Math.Max(a.Length, Math.Max(b.Length, c.Length));
        if (result.Length != rank) return false;
        return Operands.BroadcastsTo(a, result) && Operands.BroadcastsTo(b, result) && Operands.BroadcastsTo(c, result) && AnyReaches(a, b, c, result);
    }

    // Each result size above 1 is some operand's size there (else the broadcast would be 1).
    private static bool AnyReaches(ReadOnlySpan<int> a, ReadOnlySpan<int> b, ReadOnlySpan<int> c, ReadOnlySpan<int> result)
    {
        int rank = result.Length;
        for (int d = 0; d < rank; d++)
        {
            int size = result[d];
            if (size != 1 && At(a, d, rank) != size && At(b, d, rank) != size && At(c, d, rank) != size) return false;
        }

        return true;

        static int At(ReadOnlySpan<int> s, int d, int rank) => d - (rank - s.Length) < 0 ? 1 : s[d - (rank - s.Length)];
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
        if (self.DType == DType.Float32 && Operands.BroadcastsTo(mask.Shape, self.Shape))
        {
            var filled = Tensor.UninitializedFloat32(self.Shape);
            masked_fill_out(self, mask, value, filled);
            return filled;
        }

        var result = where(mask, Tensor.WrapNumber(fill), self);
        if (!result.Shape.SequenceEqual(self.Shape))
            throw new ArgumentException($"aten::masked_fill: mask {mask.Describe()} is not broadcastable to self {self.Describe()}");
        return result;
    }

    internal static void masked_fill_out(Tensor self, Tensor mask, Scalar value, Tensor @out)
    {
        const string op = "aten::masked_fill";
        if (self.DType != DType.Float32 || mask.DType != DType.Bool || !Operands.BroadcastsTo(mask.Shape, self.Shape))
        {
            Tensor.CopyResult(op, masked_fill(self, mask, value), @out); // throws for bad arguments; else int64 or bool self
            return;
        }

        // where(mask, value, self) with the value as the 0-dim float it would be wrapped into.
        @out.RequireOut(op, DType.Float32, self.Shape);
        float fill = (float)value.ToDouble();
        var c = mask.DenseBool(ref OutScratch.Mask);
        var x = Operands.Dense(op, self, ref OutScratch.Left);
        Broadcasting.Where(c, mask.Shape, new ReadOnlySpan<float>(in fill), [], x, self.Shape, @out.Float32Span, @out.Shape);
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
