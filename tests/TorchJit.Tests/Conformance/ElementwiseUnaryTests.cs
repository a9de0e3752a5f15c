using static TorchJit.torch;
using F = TorchJit.torch.nn.functional;

namespace TorchJit.Tests.Conformance;

/// <summary>
/// Unary elementwise ops and activations against float64 references: lengths 0..256, edge and odd shapes in
/// every layout, and every special value. All at PyTorch's default float32 tolerance.
/// </summary>
public sealed class ElementwiseUnaryTests
{
    private static readonly Func<Random, float> Wide = Samplers.Normal(3);

    // Mostly positive (the op's domain), some negatives for the NaN branch.
    private static readonly Func<Random, float> MostlyPositive = rng => rng.Next(5) == 0 ? Wide(rng) : (float)(20 * rng.NextDouble());

    private static readonly UnaryOp[] Table =
    [
        new("neg", [x => -x, x => x.neg()], v => -v, Wide),
        new("abs", [x => x.abs()], Math.Abs, Wide),
        new("exp", [x => x.exp(), torch.exp], Math.Exp, Samplers.Normal(20)),
        new("log", [x => x.log()], Math.Log, MostlyPositive),
        new("sqrt", [x => x.sqrt()], Math.Sqrt, MostlyPositive),
        new("rsqrt", [x => x.rsqrt()], RefMath.Rsqrt, MostlyPositive),
        new("tanh", [x => x.tanh(), torch.tanh, F.tanh], Math.Tanh, Wide),
        new("sigmoid", [x => x.sigmoid(), torch.sigmoid, F.sigmoid], RefMath.Sigmoid, Samplers.Normal(10)),
        new("relu", [x => x.relu(), torch.relu, F.relu], RefMath.Relu, Wide),
        new("gelu", [x => F.gelu(x)], RefMath.Gelu, Wide),
        new("gelu_tanh", [x => F.gelu(x, "tanh")], RefMath.GeluTanh, Wide),
        new("silu", [F.silu], RefMath.Silu, Samplers.Normal(10)),
        new("leaky_relu", [x => F.leaky_relu(x)], v => RefMath.LeakyRelu(v, (float)0.01), Wide),
        new("leaky_relu(0.2)", [x => F.leaky_relu(x, 0.2)], v => RefMath.LeakyRelu(v, (float)0.2), Wide),
        new("clamp(-0.5, 0.7)", [x => x.clamp(-0.5, 0.7)], v => RefMath.Clamp(v, -0.5, (float)0.7), Wide),
        new("clamp(min=1)", [x => x.clamp(1)], v => RefMath.Clamp(v, 1, double.PositiveInfinity), Wide),
        new("clamp(max=-1)", [x => x.clamp(null, -1)], v => RefMath.Clamp(v, double.NegativeInfinity, -1), Wide),
        new("clamp(2, 1)", [x => x.clamp(2, 1)], v => RefMath.Clamp(v, 2, 1), Wide),
        new("hardtanh", [x => F.hardtanh(x)], v => RefMath.Clamp(v, -1, 1), Wide),
        new("hardtanh(-2, 0.5)", [x => F.hardtanh(x, -2, 0.5)], v => RefMath.Clamp(v, -2, 0.5), Wide),
        new("erf", [x => x.erf()], RefMath.Erf, Samplers.Normal(2)),
        new("sin", [x => x.sin()], Math.Sin, Samplers.Normal(10)),
        new("cos", [x => x.cos()], Math.Cos, Samplers.Normal(10)),
        .. new double[] { 2, 3, -2, 0.5, -0.5, -1, 0, 1, 2.5, -1.5, 1.0 / 3 }.Select(e =>
            new UnaryOp($"pow({e:R})", [x => x.pow(e)], v => RefMath.PowScalar(v, e), Wide)),
        new("pow(int 3)", [x => x.pow(3)], v => RefMath.PowScalar(v, 3), Wide),
        new("pow(int -2)", [x => x.pow(-2)], v => RefMath.PowScalar(v, -2), Wide),
    ];

    public static TheoryData<string> Ops => [.. Table.Select(o => o.Name)];

    [Theory]
    [MemberData(nameof(Ops))]
    public void EveryLengthFrom0To256InEveryLayout(string name)
    {
        var op = Find(name);
        var rng = Seeds.For(name);
        var sample = Samplers.WithSpecials(op.Sample);
        foreach (var shape in Shapes.Lengths())
        {
            var layout = Layouts.All[shape[0] % Layouts.All.Length];
            Check(op, Operand.Float(rng, shape, layout, sample), shape[0]);
        }
    }

    [Theory]
    [MemberData(nameof(Ops))]
    public void EdgeAndOddShapesInEveryLayout(string name)
    {
        var op = Find(name);
        var rng = Seeds.For(name, 1);
        var sample = Samplers.WithSpecials(op.Sample);
        int i = 0;
        foreach (var shape in Shapes.Mixed(rng, perRank: 2))
            foreach (var layout in Layouts.All)
                Check(op, Operand.Float(rng, shape, layout, sample), i++);
    }

    [Theory]
    [MemberData(nameof(Ops))]
    public void SpecialValuesFollowPyTorch(string name)
    {
        var op = Find(name);
        var rng = new Random(3);
        // Each special at least once, with ordinary values around it so SIMD lanes and tails both see specials.
        float[] values = [.. Samplers.Specials, .. Samplers.Specials.Reverse(), 0.5f, -2.5f, 1f, -1f, 3.75f, 88f, -88f, 1e-3f, -1e-3f];
        for (int run = 0; run < op.Runs.Length; run++)
            foreach (var layout in Layouts.Distinct)
                Check(op, Operand.FromValues(rng, values, [values.Length], layout), run);
    }

    private static void Check(UnaryOp op, Operand x, int caseIndex)
    {
        var result = op.Runs[caseIndex % op.Runs.Length](x.Tensor);
        Close.Check(op.Name, $"x: {x}", x.Values.Map(op.Reference), result, op.Tolerance);
    }

    private static UnaryOp Find(string name) => Table.Single(o => o.Name == name);
}
