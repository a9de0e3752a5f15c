using TorchJit.Ir;
using static TorchJit.torch;

namespace TorchJit.Tests.Conformance;

/// <summary>
/// add, sub (with alpha), mul, div, pow, maximum and minimum: every length 0..256, broadcasts of edge and odd
/// shapes with operands in every layout, every pair of special values, and number operands. Default tolerance.
/// </summary>
public sealed class ElementwiseBinaryTests
{
    // Integral exponents half the time, so negative bases give numbers, not only NaN.
    private static readonly Func<Random, float> Exponents = rng => rng.Next(2) == 0 ? rng.Next(-4, 5) : (float)(2 * Samplers.Gaussian(rng));

    private static readonly BinaryOp[] Table =
    [
        new("aten::add", [(a, b) => a + b, (a, b) => a.add(b), torch.add], (x, y) => x + y),
        new("aten::add(alpha=2.5)", [(a, b) => AtenOps.add(a, b, 2.5)], (x, y) => x + (2.5 * y)),
        new("aten::add(alpha=-3)", [(a, b) => AtenOps.add(a, b, -3)], (x, y) => x - (3 * y)),
        new("aten::sub", [(a, b) => a - b], (x, y) => x - y),
        new("aten::sub(alpha=0.5)", [(a, b) => AtenOps.sub(a, b, 0.5)], (x, y) => x - (0.5 * y)),
        new("aten::mul", [(a, b) => a * b, (a, b) => a.mul(b), torch.mul], (x, y) => x * y),
        new("aten::div", [(a, b) => a / b, AtenOps.div], (x, y) => x / y),
        new("aten::pow", [(a, b) => a.pow(b)], Math.Pow) { SampleOther = Exponents },
        new("aten::maximum", [torch.maximum], Math.Max),
        new("aten::minimum", [torch.minimum], Math.Min),
    ];

    public static TheoryData<string> Ops => [.. Table.Select(o => o.Name)];

    [Theory]
    [MemberData(nameof(Ops))]
    public void EveryLengthFrom0To256InEveryLayout(string name)
    {
        var op = Find(name);
        var rng = Seeds.For(name);
        foreach (var shape in Shapes.Lengths())
        {
            int n = shape[0];
            var a = Operand.Float(rng, shape, Layouts.All[n % Layouts.All.Length], Samplers.WithSpecials(Samplers.Normal(3)));
            var b = Operand.Float(rng, shape, Layouts.All[(n / 6) % Layouts.All.Length], Samplers.WithSpecials(op.SampleOther));
            Check(op, a, b, n);
        }
    }

    [Theory]
    [MemberData(nameof(Ops))]
    public void BroadcastsOfEdgeAndOddShapesInEveryLayout(string name)
    {
        var op = Find(name);
        var rng = Seeds.For(name, 1);
        var pairs = Shapes.BroadcastEdge.Concat(Shapes.Mixed(rng, perRank: 3).Select(s => Shapes.BroadcastPair(rng, s))).ToArray();
        int i = 0;
        foreach (var (sa, sb) in pairs)
        {
            foreach (var layout in Layouts.All)
            {
                var a = Operand.Float(rng, sa, layout, Samplers.WithSpecials(Samplers.Normal(3)));
                var b = Operand.Float(rng, sb, Layouts.All[rng.Next(Layouts.All.Length)], Samplers.WithSpecials(op.SampleOther));
                Check(op, a, b, i);
                Check(op, b, a, i++);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Ops))]
    public void EveryPairOfSpecialValues(string name)
    {
        var op = Find(name);
        float[] values = [.. Samplers.Specials, 1f, -1f, 2f, -2.5f, 0.5f];
        int n = values.Length;
        var left = new float[n * n];
        var right = new float[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                left[(i * n) + j] = values[i];
                right[(i * n) + j] = values[j];
            }
        }

        var rng = new Random(5);
        for (int run = 0; run < op.Runs.Length; run++)
            foreach (var layout in Layouts.Distinct)
                Check(op, Operand.FromValues(rng, left, [n, n], layout), Operand.FromValues(rng, right, [n, n], Layout.Transposed), run);
    }

    // Numbers are float32 in the computation (a wrapped number takes the tensor's dtype), hence (float) in the references.
    public static TheoryData<string> NumberCases =>
    [
        "x + 2.5", "x + 3", "3 + x", "x - 1.5", "10 - x", "x * -2", "0.1 * x", "x / 4", "x / 0", "x / -0.0", "x > 0.5",
        "add.Scalar(x, 1.25, alpha=2)", "sub.Scalar(x, 3, alpha=-1)", "rsub.Scalar(x, 2, alpha=0.5)",
    ];

    [Theory]
    [MemberData(nameof(NumberCases))]
    public void NumberOperandsKeepFloat32(string name)
    {
        var (run, reference) = NumberCase(name);
        var rng = Seeds.For(name);
        int i = 0;
        foreach (var shape in Shapes.Mixed(rng, perRank: 2))
        {
            var x = Operand.Float(rng, shape, Layouts.All[i++ % Layouts.All.Length], Samplers.WithSpecials(Samplers.Normal(3)));
            var result = run(x.Tensor);
            if (name.Contains('>'))
                Close.Equal(name, $"x: {x}", x.Values.Map(reference), result, Kernels.DType.Bool);
            else
                Close.Check(name, $"x: {x}", x.Values.Map(reference), result);
        }
    }

    private static (Func<Tensor, Tensor> Run, Func<double, double> Reference) NumberCase(string name)
    {
        const double tenth = (float)0.1;
        return name switch
        {
            "x + 2.5" => (x => x + 2.5, v => v + 2.5),
            "x + 3" => (x => x + 3, v => v + 3),
            "3 + x" => (x => 3 + x, v => 3 + v),
            "x - 1.5" => (x => x - 1.5, v => v - 1.5),
            "10 - x" => (x => 10 - x, v => 10 - v),
            "x * -2" => (x => x * -2, v => v * -2),
            "0.1 * x" => (x => 0.1 * x, v => tenth * v),
            "x / 4" => (x => x / 4, v => v / 4),
            "x / 0" => (x => x / 0, v => v / 0.0),
            "x / -0.0" => (x => x / -0.0, v => v / -0.0),
            "x > 0.5" => (x => x > 0.5, v => v > 0.5 ? 1 : 0),
            "add.Scalar(x, 1.25, alpha=2)" => (x => AtenOps.add(x, 1.25, 2), v => v + 2.5),
            "sub.Scalar(x, 3, alpha=-1)" => (x => AtenOps.sub(x, 3, -1), v => v + 3),
            "rsub.Scalar(x, 2, alpha=0.5)" => (x => AtenOps.rsub(x, 2, 0.5), v => 2 - (0.5 * v)),
            _ => throw new ArgumentException(name),
        };
    }

    private static void Check(BinaryOp op, Operand a, Operand b, int caseIndex)
    {
        var result = op.Runs[caseIndex % op.Runs.Length](a.Tensor, b.Tensor);
        Close.Check(op.Name, $"a: {a}, b: {b}", RefTensor.Map(a.Values, b.Values, op.Reference), result);
    }

    private static BinaryOp Find(string name) => Table.Single(o => o.Name == name);
}
