using TorchJit.Ir;
using static TorchJit.torch;
using F = TorchJit.torch.nn.functional;

namespace TorchJit.Tests.Conformance;

/// <summary>
/// matmul in every broadcasting case, mm, bmm, addmm (beta, alpha, broadcast self) and linear (with and
/// without bias, a transposed weight), operands in every layout, empty and size-1 dims, NaN and infinities.
/// Tolerance: <see cref="Tolerance.Accumulating"/> against Σ|aᵢₖ·bₖⱼ|.
/// </summary>
public sealed class MatMulTests
{
    private static readonly Func<Random, float> Values = Samplers.WithSpecials(Samplers.Normal(1), 0.01, [float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0f, 1e-40f, 1e4f, -1e4f]);

    public static TheoryData<string> Cases =>
    [
        "1-D @ 1-D", "1-D @ 2-D", "2-D @ 1-D", "2-D @ 2-D", "3-D @ 2-D", "2-D @ 3-D", "1-D @ 3-D", "3-D @ 1-D",
        "3-D @ 3-D", "broadcast batch 4-D @ 3-D", "broadcast batch 1 @ n",
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatMulInEveryBroadcastingCaseAndLayout(string name)
    {
        var rng = Seeds.For(name);
        int i = 0;
        foreach (var (m, k, n) in Sizes(rng))
        {
            int b1 = rng.Next(1, 4), b2 = rng.Next(1, 4);
            (int[] A, int[] B) shapes = name switch
            {
                "1-D @ 1-D" => ([k], [k]),
                "1-D @ 2-D" => ([k], [k, n]),
                "2-D @ 1-D" => ([m, k], [k]),
                "2-D @ 2-D" => ([m, k], [k, n]),
                "3-D @ 2-D" => ([b1, m, k], [k, n]),
                "2-D @ 3-D" => ([m, k], [b1, k, n]),
                "1-D @ 3-D" => ([k], [b1, k, n]),
                "3-D @ 1-D" => ([b1, m, k], [k]),
                "3-D @ 3-D" => ([b1, m, k], [b1, k, n]),
                "broadcast batch 4-D @ 3-D" => ([b2, 1, m, k], [b1, k, n]),
                _ => ([1, m, k], [b1, k, n]),
            };
            var a = Operand.Float(rng, shapes.A, Layouts.All[i % Layouts.All.Length], Values);
            var b = Operand.Float(rng, shapes.B, Layouts.All[(i / 2) % Layouts.All.Length], Values);
            var result = (i++ % 3) switch
            {
                0 => a.Tensor.matmul(b.Tensor),
                1 => torch.matmul(a.Tensor, b.Tensor),
                _ => AtenOps.matmul(a.Tensor, b.Tensor),
            };
            var (expected, magnitude) = RefLinalg.MatMul(a.Values, b.Values);
            Close.Check("aten::matmul", $"a: {a}, b: {b}", expected, result, Tolerance.Accumulating, magnitude);
        }
    }

    [Fact]
    public void DotProductsOfEveryLengthFrom0To256()
    {
        var rng = new Random(41);
        foreach (var shape in Shapes.Lengths())
        {
            var a = Operand.Float(rng, shape, Layouts.All[shape[0] % Layouts.All.Length], Values);
            var b = Operand.Float(rng, shape, Layout.Stepped, Values);
            var (expected, magnitude) = RefLinalg.MatMul(a.Values, b.Values);
            Close.Check("aten::matmul", $"a: {a}, b: {b}", expected, a.Tensor.matmul(b.Tensor), Tolerance.Accumulating, magnitude);
        }
    }

    [Fact]
    public void MmAndBmm()
    {
        var rng = new Random(42);
        int i = 0;
        foreach (var (m, k, n) in Sizes(rng))
        {
            var layout = Layouts.All[i++ % Layouts.All.Length];
            var a = Operand.Float(rng, [m, k], layout, Values);
            var b = Operand.Float(rng, [k, n], Layout.Transposed, Values);
            var (expected, magnitude) = RefLinalg.MatMul(a.Values, b.Values);
            Close.Check("aten::mm", $"a: {a}, b: {b}", expected, AtenOps.mm(a.Tensor, b.Tensor), Tolerance.Accumulating, magnitude);

            int batch = rng.Next(0, 4);
            var x = Operand.Float(rng, [batch, m, k], Layout.Permuted, Values);
            var y = Operand.Float(rng, [batch, k, n], layout, Values);
            (expected, magnitude) = RefLinalg.MatMul(x.Values, y.Values);
            Close.Check("aten::bmm", $"a: {x}, b: {y}", expected, AtenOps.bmm(x.Tensor, y.Tensor), Tolerance.Accumulating, magnitude);
        }
    }

    [Fact]
    public void AddmmScalesAndBroadcastsSelf()
    {
        var rng = new Random(43);
        int i = 0;
        foreach (var (m, k, n) in Sizes(rng))
        {
            foreach (var selfShape in new[] { new[] { n }, [1, n], [m, 1], [m, n], [] })
            {
                var (beta, alpha) = (i % 4) switch { 0 => (1.0, 1.0), 1 => (0.5, 2.0), 2 => (0.0, -1.0), _ => (-2.0, 0.25) };
                var self = Operand.Float(rng, selfShape, Layouts.All[i % Layouts.All.Length], Samplers.Normal(1));
                var a = Operand.Float(rng, [m, k], Layouts.All[(i + 1) % Layouts.All.Length], Samplers.Normal(1));
                var b = Operand.Float(rng, [k, n], Layouts.All[(i + 2) % Layouts.All.Length], Samplers.Normal(1));
                i++;
                var (product, magnitude) = RefLinalg.MatMul(a.Values, b.Values);
                var expected = RefTensor.Map(self.Values, product, (s, p) => (beta * s) + (alpha * p));
                var scaled = RefTensor.Map(self.Values, magnitude, (s, p) => Math.Abs(beta * s) + Math.Abs(alpha * p));
                Close.Check("aten::addmm", $"self: {self}, mat1: {a}, mat2: {b}, beta {beta}, alpha {alpha}", expected,
                    AtenOps.addmm(self.Tensor, a.Tensor, b.Tensor, beta, alpha), Tolerance.Accumulating, scaled);
            }
        }
    }

    [Fact]
    public void AddmmWithBetaZeroIgnoresSelfEvenNaN()
    {
        var self = tensor([float.NaN, float.PositiveInfinity, 1f, float.NegativeInfinity], 2, 2);
        var a = tensor([1f, 2f, 3f, 4f], 2, 2);

        var result = AtenOps.addmm(self, a, a, 0, 1);

        Close.Check("aten::addmm", "beta 0, self holds NaN and inf", RefTensor.Of([7f, 10f, 15f, 22f], 2, 2), result);
    }

    [Fact]
    public void LinearWithAndWithoutBiasAndATransposedWeight()
    {
        var rng = new Random(44);
        int i = 0;
        foreach (var (m, k, n) in Sizes(rng).Concat([(13, 40, 24), (16, 64, 32), (33, 17, 20)]))
        {
            foreach (var inputShape in new[] { new[] { k }, [m, k], [2, m, k], [m, 1, k] })
            {
                var layout = Layouts.Distinct[i % Layouts.Distinct.Length];
                var x = Operand.Float(rng, inputShape, layout, Values);
                // The weight is often a view: [k, n].t() is how a transposed matrix reaches linear.
                var w = Operand.Float(rng, [n, k], Layouts.Distinct[(i + 1) % Layouts.Distinct.Length], Samplers.Normal(0.5));
                var bias = i % 2 == 0 ? null : Operand.Float(rng, [n], Layouts.All[i % Layouts.All.Length], Samplers.Normal(1));
                i++;
                var (expected, magnitude) = RefLinalg.Linear(x.Values, w.Values, bias?.Values);
                Close.Check("aten::linear", $"input: {x}, weight: {w}, bias: {(object?)bias ?? "None"}", expected,
                    F.linear(x.Tensor, w.Tensor, bias?.Tensor), Tolerance.Accumulating, magnitude);
            }
        }
    }

    // (m, k, n) with empty and size-1 dims, odd sizes, and sizes past the packed-GEMM thresholds.
    private static IEnumerable<(int M, int K, int N)> Sizes(Random rng)
    {
        (int, int, int)[] edge = [(0, 3, 4), (3, 0, 4), (3, 4, 0), (1, 1, 1), (1, 7, 1), (5, 1, 3), (2, 3, 4)];
        foreach (var s in edge) yield return s;
        int[] odd = [1, 3, 5, 7, 9, 15, 17, 31, 33];
        for (int i = 0; i < 6; i++) yield return (odd[rng.Next(odd.Length)], odd[rng.Next(odd.Length)], odd[rng.Next(odd.Length)]);
        yield return (20, 48, 17);
    }
}
