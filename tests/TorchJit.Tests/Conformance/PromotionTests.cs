using TorchJit.Ir;
using TorchJit.Kernels;
using static TorchJit.torch;

namespace TorchJit.Tests.Conformance;

/// <summary>
/// int64 and bool operands where PyTorch takes them: integer arithmetic stays int64 (exact), true division
/// and mixing with float32 give float32, a float number with an int64 tensor gives float32, and the
/// "unary float" ops (exp, log, sin, ...) promote int64 to float32 while neg, abs and relu keep int64.
/// </summary>
public sealed class PromotionTests
{
    private static readonly Func<Random, long> SmallInts = rng => rng.Next(-6, 7);

    public static TheoryData<string> IntegerOps => ["add", "sub", "mul", "add(alpha=3)", "sub(alpha=-2)"];

    [Theory]
    [MemberData(nameof(IntegerOps))]
    public void Int64ArithmeticIsExactAndStaysInt64(string name)
    {
        var (run, reference) = name switch
        {
            "add" => ((Func<Tensor, Tensor, Tensor>)((a, b) => a + b), (Func<double, double, double>)((x, y) => x + y)),
            "sub" => ((a, b) => a - b, (x, y) => x - y),
            "mul" => ((a, b) => a * b, (x, y) => x * y),
            "add(alpha=3)" => ((a, b) => AtenOps.add(a, b, 3), (x, y) => x + (3 * y)),
            _ => ((a, b) => AtenOps.sub(a, b, -2), (x, y) => x + (2 * y)),
        };
        ForEachPair(name, (rng, sa, sb, layout) =>
        {
            var a = Operand.Int64(rng, sa, layout, SmallInts);
            var b = Operand.Int64(rng, sb, Layout.Transposed, SmallInts);
            Close.Equal($"aten::{name}", $"a: {a}, b: {b}", RefTensor.Map(a.Values, b.Values, reference), run(a.Tensor, b.Tensor), DType.Int64);
        });
    }

    [Fact]
    public void Int64DividedByInt64IsTrueFloat32Division()
    {
        ForEachPair("div", (rng, sa, sb, layout) =>
        {
            var a = Operand.Int64(rng, sa, layout, SmallInts);
            var b = Operand.Int64(rng, sb, Layout.Stepped, SmallInts); // zeros included: ±inf and NaN
            Close.Check("aten::div", $"a: {a}, b: {b}", RefTensor.Map(a.Values, b.Values, (x, y) => x / y), a.Tensor / b.Tensor);
        });
    }

    public static TheoryData<string> MixedOps => ["add", "sub", "mul", "div", "pow", "maximum"];

    [Theory]
    [MemberData(nameof(MixedOps))]
    public void Int64OrBoolWithFloat32GivesFloat32(string name)
    {
        Func<Tensor, Tensor, Tensor> run = name switch
        {
            "add" => (a, b) => a + b,
            "sub" => (a, b) => a - b,
            "mul" => (a, b) => a * b,
            "div" => (a, b) => a / b,
            "pow" => (a, b) => a.pow(b),
            _ => torch.maximum,
        };
        Func<double, double, double> reference = name switch
        {
            "add" => (x, y) => x + y,
            "sub" => (x, y) => x - y,
            "mul" => (x, y) => x * y,
            "div" => (x, y) => x / y,
            "pow" => Math.Pow,
            _ => Math.Max,
        };
        ForEachPair(name, (rng, sa, sb, layout) =>
        {
            var f = Operand.Float(rng, sa, layout, Samplers.WithSpecials(Samplers.Normal(2)));
            var i = rng.Next(2) == 0 ? Operand.Int64(rng, sb, Layout.Selected, SmallInts) : Operand.Bool(rng, sb, Layout.Selected);
            Close.Check($"aten::{name}", $"a: {f}, b: {i}", RefTensor.Map(f.Values, i.Values, reference), run(f.Tensor, i.Tensor));
            Close.Check($"aten::{name}", $"a: {i}, b: {f}", RefTensor.Map(i.Values, f.Values, reference), run(i.Tensor, f.Tensor));
        });
    }

    [Fact]
    public void Int64WithBoolStaysInt64()
    {
        ForEachPair("int64 with bool", (rng, sa, sb, layout) =>
        {
            var i = Operand.Int64(rng, sa, layout, SmallInts);
            var b = Operand.Bool(rng, sb, Layout.Permuted);
            Close.Equal("aten::add", $"a: {i}, b: {b}", RefTensor.Map(i.Values, b.Values, (x, y) => x + y), i.Tensor + b.Tensor, DType.Int64);
            Close.Equal("aten::mul", $"a: {b}, b: {i}", RefTensor.Map(b.Values, i.Values, (x, y) => x * y), b.Tensor * i.Tensor, DType.Int64);
        });
    }

    [Fact]
    public void NumbersWithInt64TensorsFollowPyTorchsResultType()
    {
        var rng = new Random(11);
        foreach (var shape in Shapes.Edge)
        {
            var x = Operand.Int64(rng, shape, Layout.Transposed, SmallInts);
            string c = $"x: {x}";
            Close.Equal("x + 2", c, x.Values.Map(v => v + 2), x.Tensor + 2, DType.Int64);
            Close.Equal("x - 7", c, x.Values.Map(v => v - 7), x.Tensor - 7, DType.Int64);
            Close.Equal("5 - x", c, x.Values.Map(v => 5 - v), 5 - x.Tensor, DType.Int64);
            Close.Equal("x * -3", c, x.Values.Map(v => v * -3), x.Tensor * -3, DType.Int64);
            Close.Check("x * 2.5", c, x.Values.Map(v => v * 2.5), x.Tensor * 2.5);
            Close.Check("x + 0.5", c, x.Values.Map(v => v + 0.5), x.Tensor + 0.5);
            Close.Check("x / 2", c, x.Values.Map(v => v / 2), x.Tensor / 2);
            Close.Check("x / 0", c, x.Values.Map(v => v / 0.0), x.Tensor / 0);
            Close.Check("sub.Scalar(x, 1.5, alpha=2)", c, x.Values.Map(v => v - 3), AtenOps.sub(x.Tensor, 1.5, 2));
        }
    }

    public static TheoryData<string> FloatMathOps => ["exp", "log", "sqrt", "rsqrt", "tanh", "sigmoid", "erf", "sin", "cos"];

    [Theory]
    [MemberData(nameof(FloatMathOps))]
    public void UnaryFloatOpsPromoteInt64AndBoolToFloat32(string name)
    {
        Func<Tensor, Tensor> run = name switch
        {
            "exp" => x => x.exp(), "log" => x => x.log(), "sqrt" => x => x.sqrt(), "rsqrt" => x => x.rsqrt(),
            "tanh" => x => x.tanh(), "sigmoid" => x => x.sigmoid(), "erf" => x => x.erf(), "sin" => x => x.sin(), _ => x => x.cos(),
        };
        Func<double, double> reference = name switch
        {
            "exp" => Math.Exp, "log" => Math.Log, "sqrt" => Math.Sqrt, "rsqrt" => RefMath.Rsqrt, "tanh" => Math.Tanh,
            "sigmoid" => RefMath.Sigmoid, "erf" => RefMath.Erf, "sin" => Math.Sin, _ => Math.Cos,
        };
        var rng = Seeds.For(name);
        foreach (var shape in Shapes.Edge)
        {
            foreach (var layout in Layouts.All)
            {
                var i = Operand.Int64(rng, shape, layout, SmallInts);
                Close.Check($"aten::{name}", $"x: {i}", i.Values.Map(reference), run(i.Tensor));
                var b = Operand.Bool(rng, shape, layout);
                Close.Check($"aten::{name}", $"x: {b}", b.Values.Map(reference), run(b.Tensor));
            }
        }
    }

    [Fact]
    public void NegAbsAndReluKeepInt64()
    {
        var rng = new Random(13);
        foreach (var shape in Shapes.Edge)
        {
            foreach (var layout in Layouts.All)
            {
                var x = Operand.Int64(rng, shape, layout, SmallInts);
                Close.Equal("aten::neg", $"x: {x}", x.Values.Map(v => -v), -x.Tensor, DType.Int64);
                Close.Equal("aten::abs", $"x: {x}", x.Values.Map(Math.Abs), x.Tensor.abs(), DType.Int64);
                Close.Equal("aten::relu", $"x: {x}", x.Values.Map(v => Math.Max(v, 0)), x.Tensor.relu(), DType.Int64);
            }
        }
    }

    [Fact]
    public void PowOfInt64StaysInt64ForIntegerExponents()
    {
        var rng = new Random(14);
        foreach (var (sa, sb) in Shapes.BroadcastEdge)
        {
            var x = Operand.Int64(rng, sa, Layout.Transposed, SmallInts);
            var e = Operand.Int64(rng, sb, Layout.Stepped, r => r.Next(0, 5));
            Close.Equal("aten::pow", $"self: {x}, exponent: {e}", RefTensor.Map(x.Values, e.Values, Math.Pow), x.Tensor.pow(e.Tensor), DType.Int64);
            Close.Equal("aten::pow", $"self: {x}, exponent 3", x.Values.Map(v => v * v * v), x.Tensor.pow(3), DType.Int64);
            Close.Check("aten::pow", $"self: {x}, exponent 0.5", x.Values.Map(Math.Sqrt), x.Tensor.pow(0.5));
            Close.Check("aten::pow", $"self: {x}, exponent 1.5", x.Values.Map(v => Math.Pow(v, 1.5)), x.Tensor.pow(1.5));
        }

        var negative = Assert.Throws<ArgumentException>(() => tensor([2L, 3L]).pow(-1));
        Assert.Contains("aten::pow", negative.Message);
        Assert.Contains("Long[2]", negative.Message);
    }

    [Fact]
    public void AFractionalAlphaWithIntegerTensorsIsRefused()
    {
        var a = tensor([1L, 2L]);
        var e = Assert.Throws<ArgumentException>(() => AtenOps.add(a, a, 1.5));

        Assert.Contains("aten::add", e.Message);
        Assert.Contains("Long[2]", e.Message);
        Assert.Contains("alpha", e.Message);
    }

    // Broadcast pairs of edge and odd shapes, with the first operand in every layout.
    private static void ForEachPair(string name, Action<Random, int[], int[], Layout> check)
    {
        var rng = Seeds.For(name, 2);
        var pairs = Shapes.BroadcastEdge.Concat(Shapes.Mixed(rng, perRank: 2).Select(s => Shapes.BroadcastPair(rng, s)));
        foreach (var (sa, sb) in pairs)
            foreach (var layout in Layouts.All)
                check(rng, sa, sb, layout);
    }
}
