using static TorchJit.torch;

namespace TorchJit.Tests.Eager;

/// <summary>The elementwise ops through the eager API: values against float64 references, PyTorch's special values.</summary>
public sealed class MathOpTests
{
    public static TheoryData<string> Unary => ["abs", "exp", "log", "sqrt", "rsqrt", "tanh", "sigmoid", "erf", "sin", "cos", "silu", "gelu", "gelu_tanh"];

    [Theory]
    [MemberData(nameof(Unary))]
    public void UnaryOpsMatchAFloat64Reference(string op)
    {
        manual_seed(op.Length);
        var x = (randn(7, 37) * 3) + (op is "log" or "sqrt" or "rsqrt" ? 10 : 0);
        var y = Apply(op, x).ToArray();
        var xs = x.ToArray();
        for (int i = 0; i < xs.Length; i++)
        {
            double expected = Reference(op, xs[i]);
            if (double.IsNaN(expected) && float.IsNaN(y[i])) continue;
            Assert.True(Math.Abs(y[i] - expected) <= 1e-5 + (2e-6 * Math.Abs(expected)), $"{op}({xs[i]}) = {y[i]}, expected {expected}");
        }

        Assert.Equal(x.Shape.ToArray(), Apply(op, x).Shape.ToArray());
    }

    [Fact]
    public void SpecialValuesFollowPyTorch()
    {
        var x = tensor([float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0f]);

        Assert.Equal([float.NaN, 1f, 0f, 0.5f], x.sigmoid().ToArray());
        Assert.Equal([float.NaN, 1f, -1f, -0f], x.tanh().ToArray());
        Assert.Equal([float.NaN, float.PositiveInfinity, 0f, 1f], x.exp().ToArray());
        Assert.True(float.IsNaN(x.relu().ToArray()[0]));
        Assert.Equal([float.NaN, 2f, -1f, -0f], x.clamp(-1, 2).ToArray());
        Assert.Equal(float.NegativeInfinity, tensor([0f]).log().ToArray()[0]);
        Assert.True(float.IsNaN(tensor([-1f]).log().ToArray()[0]));
    }

    [Fact]
    public void PowClampLeakyReluAndHardtanh()
    {
        var x = tensor([-2f, -0.5f, 0f, 3f]);

        Assert.Equal([4f, 0.25f, 0f, 9f], x.pow(2).ToArray());
        Assert.Equal([1f, 1f, 1f, 1f], x.pow(0).ToArray());
        Assert.Equal([-2f, -0.5f, 0f, 2f], x.clamp(null, 2).ToArray());
        Assert.Equal([-0.02f, -0.005f, 0f, 3f], nn.functional.leaky_relu(x).ToArray());
        Assert.Equal([-1f, -0.5f, 0f, 1f], nn.functional.hardtanh(x).ToArray());
        Assert.Throws<ArgumentException>(() => x.clamp());
    }

    [Fact]
    public void WhereAndMaskedFillBroadcast()
    {
        var cond = tensor([true, false, true]);
        var a = ones(2, 3);
        var b = zeros(1);

        Assert.Equal([1f, 0f, 1f, 1f, 0f, 1f], where(cond, a, b).ToArray());
        var filled = arange(0, 6, 1.0).reshape(2, 3).masked_fill(cond, -1);
        Assert.Equal([-1f, 1f, -1f, -1f, 4f, -1f], filled.ToArray());
        Assert.Contains("condition must be a bool tensor", Assert.Throws<ArgumentException>(() => where(ones(3), a, b)).Message);
        Assert.Throws<ArgumentException>(() => ones(2).masked_fill(tensor([true, false, true]), 1));
    }

    [Fact]
    public void ActivationModulesMatchTheirFunctions()
    {
        var x = randn(4, 5);

        Assert.True(nn.functional.gelu(x).BitEquals(new Modules.GELU().forward(x)));
        Assert.True(nn.functional.gelu(x, "tanh").BitEquals(new Modules.GELU("tanh").forward(x)));
        Assert.True(nn.functional.silu(x).BitEquals(new Modules.SiLU().forward(x)));
        Assert.True(x.sigmoid().BitEquals(new Modules.Sigmoid().forward(x)));
        Assert.True(x.tanh().BitEquals(new Modules.Tanh().forward(x)));
        Assert.True(x.softmax(1).BitEquals(new Modules.Softmax(1).forward(x)));
        Assert.True(x.log_softmax(0).BitEquals(new Modules.LogSoftmax(0).forward(x)));
        Assert.Throws<ArgumentException>(() => nn.functional.gelu(x, "fast"));
    }

    private static Tensor Apply(string op, Tensor x) => op switch
    {
        "abs" => x.abs(), "exp" => x.exp(), "log" => x.log(), "sqrt" => x.sqrt(), "rsqrt" => x.rsqrt(),
        "tanh" => x.tanh(), "sigmoid" => x.sigmoid(), "erf" => x.erf(), "sin" => x.sin(), "cos" => x.cos(),
        "silu" => nn.functional.silu(x), "gelu" => nn.functional.gelu(x), _ => nn.functional.gelu(x, "tanh"),
    };

    private static double Reference(string op, double x) => op switch
    {
        "abs" => Math.Abs(x), "exp" => Math.Exp(x), "log" => Math.Log(x), "sqrt" => Math.Sqrt(x), "rsqrt" => 1 / Math.Sqrt(x),
        "tanh" => Math.Tanh(x), "sigmoid" => 1 / (1 + Math.Exp(-x)), "erf" => Erf(x), "sin" => Math.Sin(x), "cos" => Math.Cos(x),
        "silu" => x / (1 + Math.Exp(-x)), "gelu" => 0.5 * x * (1 + Erf(x / Math.Sqrt(2))),
        _ => 0.5 * x * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (x + (0.044715 * x * x * x)))),
    };

    // erf by its Taylor series (|x| < 3) and the continued-fraction tail; accurate to ~1e-12 here.
    private static double Erf(double x)
    {
        double ax = Math.Abs(x);
        if (ax > 5) return Math.Sign(x);
        double sum = 0, term = ax;
        for (int n = 0; n < 200; n++)
        {
            sum += term / ((2 * n) + 1);
            term *= -ax * ax / (n + 1);
            if (Math.Abs(term) < 1e-17) break;
        }

        return Math.Sign(x) * 2 / Math.Sqrt(Math.PI) * sum;
    }
}
