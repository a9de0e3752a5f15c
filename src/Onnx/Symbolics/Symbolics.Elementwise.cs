namespace TorchJit.Onnx;

/// <summary>Elementwise tensor ops: unary math, binary arithmetic with PyTorch's promotion, comparisons, where, clamps and activations.</summary>
internal static partial class Symbolics
{
    private static void AddElementwise(Dictionary<string, Symbolic> t)
    {
        // Same element type in and out.
        t["aten::abs"] = c => Unary(c, "Abs", floating: false);
        t["aten::neg"] = c => Unary(c, "Neg", floating: false);
        t["aten::relu"] = c => Unary(c, "Relu", floating: false);
        // Integer inputs compute in float32, as PyTorch's unary float ops do.
        t["aten::exp"] = c => Unary(c, "Exp");
        t["aten::log"] = c => Unary(c, "Log");
        t["aten::sqrt"] = c => Unary(c, "Sqrt");
        t["aten::sin"] = c => Unary(c, "Sin");
        t["aten::cos"] = c => Unary(c, "Cos");
        t["aten::tanh"] = c => Unary(c, "Tanh");
        t["aten::sigmoid"] = c => Unary(c, "Sigmoid");
        t["aten::erf"] = c => Unary(c, "Erf");
        // rsqrt(x) = 1 / sqrt(x)
        t["aten::rsqrt"] = c =>
        {
            var x = FloatInput(c, 0);
            c.Bind(c.Emit("Reciprocal", [c.Emit("Sqrt", [x.Name])]), x.Type, x.Rank);
        };
        // silu(x) = x * sigmoid(x)
        t["aten::silu"] = c =>
        {
            var x = FloatInput(c, 0);
            c.Bind(c.Emit("Mul", [x.Name, c.Emit("Sigmoid", [x.Name])]), x.Type, x.Rank);
        };
        t["aten::gelu"] = Gelu;
        t["aten::leaky_relu"] = c =>
        {
            var x = FloatInput(c, 0);
            c.Bind(c.Emit("LeakyRelu", [x.Name], Attr.Float("alpha", c.Double(1))), x.Type, x.Rank);
        };
        t["aten::hardtanh"] = c =>
        {
            var x = c.In(0);
            var min = Constants.Scalar(c.Scope, c.Double(1), x.Type);
            var max = Constants.Scalar(c.Scope, c.Double(2), x.Type);
            c.Bind(c.Emit("Clip", [x.Name, min.Name, max.Name]), x.Type, x.Rank);
        };
        t["aten::clamp"] = c =>
        {
            var x = c.In(0);
            string min = c.IsNone(1) ? "" : c.In(1, x.Type).Name;
            string max = c.IsNone(2) ? "" : c.In(2, x.Type).Name;
            c.Bind(c.Emit("Clip", [x.Name, min, max]), x.Type, x.Rank);
        };

        // Tensor and number overloads alike: numbers are 0-d tensors, and promotion keeps their TorchScript types.
        t["aten::add"] = c => Arithmetic(c, "Add");
        t["aten::sub"] = c => Arithmetic(c, "Sub");
        t["aten::mul"] = c => Binary(c, "Mul");
        t["aten::maximum"] = c => Binary(c, "Max");
        t["aten::minimum"] = c => Binary(c, "Min");
        t["aten::div"] = TrueDivide; // every overload: true division (int / int is a float, as in Python)
        // rsub(self, other, alpha) = other - alpha * self
        t["aten::rsub.Scalar"] = c =>
        {
            var type = Promotion.Result(c.Info(0), c.Info(1));
            var self = Scaled(c, c.In(0, type), 2, type);
            var other = c.In(1, type);
            c.Bind(c.Emit("Sub", [other.Name, self.Name]), type, MaxRank(self, other));
        };
        t["aten::pow.Tensor_Scalar"] = c => Binary(c, "Pow", floating: true);
        t["aten::pow.Tensor_Tensor"] = c => Binary(c, "Pow", floating: true);

        t["aten::eq"] = c => Compare(c, "Equal");
        t["aten::ne"] = c => Compare(c, "Equal", negate: true);
        t["aten::lt"] = c => Compare(c, "Less");
        t["aten::le"] = c => Compare(c, "LessOrEqual");
        t["aten::gt"] = c => Compare(c, "Greater");
        t["aten::ge"] = c => Compare(c, "GreaterOrEqual");

        t["aten::where.self"] = c =>
        {
            var cond = c.In(0, ElemType.Bool);
            var type = Promotion.Result(c.Info(1), c.Info(2));
            var a = c.In(1, type);
            var b = c.In(2, type);
            c.Bind(c.Emit("Where", [cond.Name, a.Name, b.Name]), type, MaxRank(cond, a, b));
        };
        // masked_fill(self, mask, value) = where(mask, value, self)
        t["aten::masked_fill.Scalar"] = c =>
        {
            var self = c.In(0);
            var mask = c.In(1, ElemType.Bool);
            var value = c.In(2, self.Type);
            c.Bind(c.Emit("Where", [mask.Name, value.Name, self.Name]), self.Type, MaxRank(self, mask));
        };
    }

    private static Exported FloatInput(NodeContext c, int i)
    {
        var x = c.In(i);
        return ElemTypes.IsFloating(x.Type) ? x : c.Scope.Cast(x, ElemType.Float);
    }

    private static void Unary(NodeContext c, string op, bool floating = true)
    {
        var x = floating ? FloatInput(c, 0) : c.In(0);
        c.Bind(0, new Exported(c.Emit(op, [x.Name]), x.Type, x.Rank, x.IsNumber));
    }

    private static int? MaxRank(params Exported[] inputs)
    {
        int rank = 0;
        foreach (var e in inputs)
        {
            if (e.Rank is not { } r) return null;
            rank = Math.Max(rank, r);
        }

        return rank;
    }

    private static void Binary(NodeContext c, string op, bool floating = false)
    {
        var type = Promotion.Result(c.Info(0), c.Info(1));
        bool numbers = c.Info(0).IsNumber && c.Info(1).IsNumber;
        if (floating && !ElemTypes.IsFloating(type)) type = numbers ? ElemType.Double : ElemType.Float;
        var a = c.In(0, type);
        var b = c.In(1, type);
        c.Bind(0, new Exported(c.Emit(op, [a.Name, b.Name]), type, MaxRank(a, b), a.IsNumber && b.IsNumber));
    }

    // add/sub(self, other, alpha) = self ± alpha * other
    private static void Arithmetic(NodeContext c, string op)
    {
        if (c.Node.Inputs.Count < 3)
        {
            Binary(c, op);
            return;
        }

        var type = Promotion.Result(c.Info(0), c.Info(1));
        var a = c.In(0, type);
        var b = Scaled(c, c.In(1, type), 2, type);
        c.Bind(0, new Exported(c.Emit(op, [a.Name, b.Name]), type, MaxRank(a, b), a.IsNumber && b.IsNumber));
    }

    private static Exported Scaled(NodeContext c, Exported x, int alphaInput, ElemType type)
    {
        if (c.IsNone(alphaInput) || c.Double(alphaInput) == 1) return x;
        var alpha = Constants.Scalar(c.Scope, c.Double(alphaInput), type);
        return x with { Name = c.Emit("Mul", [x.Name, alpha.Name]) };
    }

    private static void TrueDivide(NodeContext c) => Binary(c, "Div", floating: true);

    private static void Compare(NodeContext c, string op, bool negate = false)
    {
        var type = Promotion.Result(c.Info(0), c.Info(1));
        var a = c.In(0, type);
        var b = c.In(1, type);
        string result = c.Emit(op, [a.Name, b.Name]);
        if (negate) result = c.Emit("Not", [result]);
        c.Bind(0, new Exported(result, ElemType.Bool, MaxRank(a, b), a.IsNumber && b.IsNumber));
    }

    // gelu(x) = x * Φ(x): exact, 0.5 * x * (1 + erf(x / √2)); 'tanh', 0.5 * x * (1 + tanh(√(2/π) * (x + 0.044715 x³))).
    // ONNX has Gelu from opset 20; before it, the formula.
    private static void Gelu(NodeContext c)
    {
        var x = FloatInput(c, 0);
        string approximate = c.String(1);
        if (approximate is not ("none" or "tanh")) throw c.Fail($"approximate='{approximate}'");
        if (c.Opset >= 20)
        {
            c.Bind(c.Emit("Gelu", [x.Name], Attr.String("approximate", approximate)), x.Type, x.Rank);
            return;
        }

        string S(double v) => Constants.Scalar(c.Scope, v, x.Type).Name;
        string inner;
        if (approximate == "none")
        {
            inner = c.Emit("Erf", [c.Emit("Div", [x.Name, S(Math.Sqrt(2))])]);
        }
        else
        {
            string cube = c.Emit("Mul", [x.Name, c.Emit("Mul", [x.Name, x.Name])]);
            string sum = c.Emit("Add", [x.Name, c.Emit("Mul", [cube, S(0.044715)])]);
            inner = c.Emit("Tanh", [c.Emit("Mul", [sum, S(Math.Sqrt(2 / Math.PI))])]);
        }

        string half = c.Emit("Mul", [x.Name, S(0.5)]);
        c.Bind(c.Emit("Mul", [half, c.Emit("Add", [inner, S(1)])]), x.Type, x.Rank);
    }
}
