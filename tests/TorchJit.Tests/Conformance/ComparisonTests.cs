using TorchJit.Ir;
using TorchJit.Kernels;

namespace TorchJit.Tests.Conformance;

/// <summary>
/// eq, ne, lt, le, gt, ge give bool tensors: broadcasts in every layout, every pair of special values (NaN
/// compares false except with ne; -0 == +0), int64 and bool operands, and numbers.
/// </summary>
public sealed class ComparisonTests
{
    private static readonly CompareOp[] Table =
    [
        new("aten::eq", [(a, b) => a.eq(b), AtenOps.eq], (x, y) => x == y),
        new("aten::ne", [(a, b) => a.ne(b), AtenOps.ne], (x, y) => x != y),
        new("aten::lt", [(a, b) => a < b, AtenOps.lt], (x, y) => x < y),
        new("aten::le", [(a, b) => a <= b, AtenOps.le], (x, y) => x <= y),
        new("aten::gt", [(a, b) => a > b, (a, b) => a.gt(b), AtenOps.gt], (x, y) => x > y),
        new("aten::ge", [(a, b) => a >= b, AtenOps.ge], (x, y) => x >= y),
    ];

    public static TheoryData<string> Ops => [.. Table.Select(o => o.Name)];

    // Small integers, so equal pairs are common and eq/le/ge see both answers.
    private static readonly Func<Random, float> Near = Samplers.WithSpecials(Samplers.Ties(2), 0.2);

    [Theory]
    [MemberData(nameof(Ops))]
    public void EveryLengthFrom0To256InEveryLayout(string name)
    {
        var op = Find(name);
        var rng = Seeds.For(name);
        foreach (var shape in Shapes.Lengths())
        {
            int n = shape[0];
            var a = Operand.Float(rng, shape, Layouts.All[n % Layouts.All.Length], Near);
            var b = Operand.Float(rng, shape, Layouts.All[(n / 6) % Layouts.All.Length], Near);
            Check(op, a, b, n);
        }
    }

    [Theory]
    [MemberData(nameof(Ops))]
    public void BroadcastsOfEdgeAndOddShapesInEveryLayout(string name)
    {
        var op = Find(name);
        var rng = Seeds.For(name, 1);
        int i = 0;
        foreach (var (sa, sb) in Shapes.BroadcastEdge.Concat(Shapes.Mixed(rng, perRank: 2).Select(s => Shapes.BroadcastPair(rng, s))))
        {
            foreach (var layout in Layouts.All)
            {
                var a = Operand.Float(rng, sa, layout, Near);
                var b = Operand.Float(rng, sb, Layouts.All[rng.Next(Layouts.All.Length)], Near);
                Check(op, a, b, i++);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Ops))]
    public void EveryPairOfSpecialValues(string name)
    {
        var op = Find(name);
        float[] values = [.. Samplers.Specials, 1f, -1f];
        int n = values.Length;
        var left = Enumerable.Range(0, n * n).Select(k => values[k / n]).ToArray();
        var right = Enumerable.Range(0, n * n).Select(k => values[k % n]).ToArray();
        var rng = new Random(2);
        foreach (var layout in Layouts.Distinct)
            Check(op, Operand.FromValues(rng, left, [n, n], layout), Operand.FromValues(rng, right, [n, n], Layout.Stepped), 0);
    }

    [Theory]
    [MemberData(nameof(Ops))]
    public void Int64AndBoolOperands(string name)
    {
        var op = Find(name);
        var rng = Seeds.For(name, 2);
        Func<Random, long> ints = r => r.Next(-2, 3);
        int i = 0;
        foreach (var (sa, sb) in Shapes.BroadcastEdge.Concat(Shapes.Mixed(rng, perRank: 1).Select(s => Shapes.BroadcastPair(rng, s))))
        {
            var layout = Layouts.All[i % Layouts.All.Length];
            Check(op, Operand.Int64(rng, sa, layout, ints), Operand.Int64(rng, sb, Layout.Transposed, ints), i);
            Check(op, Operand.Int64(rng, sa, layout, ints), Operand.Float(rng, sb, Layout.Selected, Near), i);
            Check(op, Operand.Float(rng, sa, layout, Near), Operand.Bool(rng, sb, Layout.Permuted), i);
            Check(op, Operand.Bool(rng, sa, layout), Operand.Bool(rng, sb, Layout.Stepped), i);
            Check(op, Operand.Bool(rng, sa, layout), Operand.Int64(rng, sb, Layout.Expanded, ints), i++);
        }
    }

    [Theory]
    [MemberData(nameof(Ops))]
    public void NumbersOnEitherDType(string name)
    {
        var op = Find(name);
        var rng = Seeds.For(name, 3);
        Func<Tensor, Scalar, Tensor> run = name switch
        {
            "aten::eq" => AtenOps.eq,
            "aten::ne" => AtenOps.ne,
            "aten::lt" => (t, s) => t < s,
            "aten::le" => (t, s) => t <= s,
            "aten::gt" => (t, s) => t > s,
            _ => (t, s) => t >= s,
        };
        foreach (var shape in Shapes.Edge)
        {
            foreach (Scalar number in new Scalar[] { 1, 0.5, -0.0, double.NaN, double.PositiveInfinity })
            {
                var f = Operand.Float(rng, shape, Layout.Transposed, Near);
                var i = Operand.Int64(rng, shape, Layout.Stepped, r => r.Next(-2, 3));
                double v = number.ToDouble();
                Close.Equal($"{name}.Scalar", $"x: {f}, other: {number}", f.Values.Map(x => op.Reference(x, v) ? 1 : 0), run(f.Tensor, number), DType.Bool);
                Close.Equal($"{name}.Scalar", $"x: {i}, other: {number}", i.Values.Map(x => op.Reference(x, v) ? 1 : 0), run(i.Tensor, number), DType.Bool);
            }
        }
    }

    private static void Check(CompareOp op, Operand a, Operand b, int caseIndex)
    {
        var result = op.Runs[caseIndex % op.Runs.Length](a.Tensor, b.Tensor);
        var expected = RefTensor.Map(a.Values, b.Values, (x, y) => op.Reference(x, y) ? 1 : 0);
        Close.Equal(op.Name, $"a: {a}, b: {b}", expected, result, DType.Bool);
    }

    private static CompareOp Find(string name) => Table.Single(o => o.Name == name);

    private sealed record CompareOp(string Name, Func<Tensor, Tensor, Tensor>[] Runs, Func<double, double, bool> Reference);
}
