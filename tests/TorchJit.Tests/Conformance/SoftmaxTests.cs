using static TorchJit.torch;
using F = TorchJit.torch.nn.functional;

namespace TorchJit.Tests.Conformance;

/// <summary>
/// softmax and log_softmax over every dim, negative dims included, in every layout: float64 references with
/// PyTorch's max-subtracted formula, so inputs up to ±1e4 give finite results, a NaN or +inf poisons its
/// row, -inf entries get probability 0 and an all -inf row is NaN. Default tolerance.
/// </summary>
public sealed class SoftmaxTests
{
    public static TheoryData<string> Ops => ["softmax", "log_softmax"];

    [Theory]
    [MemberData(nameof(Ops))]
    public void EveryDimOfEdgeAndOddShapesInEveryLayout(string name)
    {
        var rng = Seeds.For(name);
        var values = Samplers.WithSpecials(Samplers.Normal(4), 0.02);
        int i = 0;
        foreach (var shape in Shapes.Mixed(rng, perRank: 3, maxElements: 1024))
        {
            for (int d = -Math.Max(shape.Length, 1); d < Math.Max(shape.Length, 1); d++)
            {
                var x = Operand.Float(rng, shape, Layouts.All[i % Layouts.All.Length], values);
                Check(name, x, d, i++);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Ops))]
    public void EveryLengthFrom0To256(string name)
    {
        var rng = Seeds.For(name, 1);
        var values = Samplers.WithSpecials(Samplers.Normal(4), 0.01);
        foreach (var shape in Shapes.Lengths())
            Check(name, Operand.Float(rng, shape, Layouts.All[shape[0] % Layouts.All.Length], values), shape[0] % 2 == 0 ? 0 : -1, shape[0]);
    }

    [Theory]
    [MemberData(nameof(Ops))]
    public void InputsUpTo1e4StayFinite(string name)
    {
        var rng = Seeds.For(name, 2);
        var large = Samplers.WithSpecials(Samplers.Uniform(-1e4, 1e4), 0.2, [1e4f, -1e4f, 0f]);
        int i = 0;
        foreach (var shape in new[] { new[] { 3, 17 }, [5, 1, 33], [2, 3, 4, 5], [257], [1, 64] })
        {
            for (int d = -shape.Length; d < shape.Length; d++)
            {
                var x = Operand.Float(rng, shape, Layouts.All[i % Layouts.All.Length], large);
                var result = Check(name, x, d, i++);
                Assert.All(Read.Values(result), v => Assert.True(double.IsFinite(v), $"{name}({x}, dim {d}) gave {v}"));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Ops))]
    public void RowsWithSpecialValues(string name)
    {
        float ninf = float.NegativeInfinity;
        float[] rows =
        [
            1, 2, ninf, 3,              // -inf gets probability 0
            ninf, ninf, ninf, ninf,     // all -inf: NaN
            1, float.NaN, 2, 3,         // NaN poisons the row
            float.PositiveInfinity, 0, 1, 2, // +inf: inf - inf = NaN
            1e4f, -1e4f, 0, 1e4f,
            -0f, 0f, 1e-40f, -1e-40f,
        ];
        var rng = new Random(4);
        foreach (var layout in Layouts.Distinct)
        {
            Check(name, Operand.FromValues(rng, rows, [6, 4], layout), -1, 0);
            Check(name, Operand.FromValues(rng, rows, [6, 4], layout), 1, 1);
        }
    }

    private static Tensor Check(string name, Operand x, int dim, int caseIndex)
    {
        bool log = name == "log_softmax";
        Tensor result = (log, caseIndex % 3) switch
        {
            (false, 0) => x.Tensor.softmax(dim),
            (false, 1) => torch.softmax(x.Tensor, dim),
            (false, _) => F.softmax(x.Tensor, dim),
            (true, 0 or 1) => x.Tensor.log_softmax(dim),
            (true, _) => F.log_softmax(x.Tensor, dim),
        };
        Close.Check($"aten::{name}", $"x: {x}, dim {dim}", Reference(x.Values, dim, log), result);
        return result;
    }

    private static RefTensor Reference(RefTensor x, int dim, bool log)
    {
        var result = RefTensor.Zeros(x.Shape);
        if (x.Rank == 0)
        {
            result.Data[0] = Softmax([x.Data[0]], log)[0];
            return result;
        }

        int d = dim < 0 ? dim + x.Rank : dim;
        var outer = x.Shape.Select((s, k) => k == d ? 1 : s).ToArray();
        foreach (var index in RefTensor.Indices(outer))
        {
            var at = (int[])index.Clone();
            var row = new double[x.Shape[d]];
            for (int k = 0; k < row.Length; k++)
            {
                at[d] = k;
                row[k] = x[at];
            }

            var y = Softmax(row, log);
            for (int k = 0; k < row.Length; k++)
            {
                at[d] = k;
                result[at] = y[k];
            }
        }

        return result;
    }

    // PyTorch's formula: m = max (NaN if any is NaN); softmax = exp(x - m) / Σ exp(x - m); log_softmax = x - m - log Σ exp(x - m).
    private static double[] Softmax(double[] row, bool log)
    {
        double m = row.Length == 0 ? 0 : row.Any(double.IsNaN) ? double.NaN : row.Max();
        double sum = row.Sum(v => Math.Exp(v - m));
        return row.Select(v => log ? v - m - Math.Log(sum) : Math.Exp(v - m) / sum).ToArray();
    }
}
