using TorchJit.Ir;
using TorchJit.Kernels;
using static TorchJit.torch;

namespace TorchJit.Tests.Conformance;

/// <summary>
/// Reductions over every dim list (single dims positive and negative, pairs, all) with and without keepdim,
/// on edge, odd and 1-D shapes in every layout, with special values. max/min/argmax indices point at the
/// first NaN, else the first extreme, as PyTorch's do.
/// Tolerances: sum and mean are <see cref="Tolerance.Accumulating"/> against Σ|x| (Σ|x| / n for mean);
/// var and std against their own value (every term positive, so no cancellation to allow for).
/// </summary>
public sealed class ReductionTests
{
    private static readonly Func<Random, float> Values = Samplers.WithSpecials(Samplers.Normal(3, 1), 0.03);

    public static TheoryData<string> DimOps => ["sum", "mean", "var", "var(unbiased=False)", "std", "std(unbiased=False)", "amax", "amin"];

    [Theory]
    [MemberData(nameof(DimOps))]
    public void EveryDimListWithAndWithoutKeepdimInEveryLayout(string name)
    {
        var rng = Seeds.For(name);
        int i = 0;
        foreach (var shape in Shapes.Mixed(rng, perRank: 2, maxElements: 1024))
        {
            foreach (var dims in DimLists(rng, shape.Length))
            {
                foreach (bool keepdim in new[] { false, true })
                {
                    var x = Operand.Float(rng, shape, Layouts.All[i++ % Layouts.All.Length], Values);
                    CheckDimOp(name, x, dims, keepdim);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(DimOps))]
    public void EveryLengthFrom0To256(string name)
    {
        var rng = Seeds.For(name, 1);
        foreach (var shape in Shapes.Lengths())
        {
            var x = Operand.Float(rng, shape, Layouts.All[shape[0] % Layouts.All.Length], Values);
            CheckDimOp(name, x, [shape[0] % 2 == 0 ? 0 : -1], shape[0] % 3 == 0);
        }
    }

    public static TheoryData<string> ArgOps => ["max", "min", "argmax"];

    [Theory]
    [MemberData(nameof(ArgOps))]
    public void ValuesAndIndicesPointAtTheFirstNaNOrTheFirstExtreme(string name)
    {
        var rng = Seeds.For(name, 2);
        // Small integers tie often; NaN now and then.
        var ties = Samplers.WithSpecials(Samplers.Ties(2), 0.04, [float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0f]);
        int i = 0;
        var shapes = Shapes.Mixed(rng, perRank: 3, maxElements: 1024).Concat(Shapes.Lengths().Where(s => s[0] % 7 == 3));
        foreach (var shape in shapes)
        {
            for (int d = -shape.Length; d < Math.Max(shape.Length, 1); d++)
            {
                var x = Operand.Float(rng, shape, Layouts.All[i % Layouts.All.Length], ties);
                bool keepdim = i++ % 2 == 0;
                CheckArgOp(name, x, d, keepdim);
            }
        }
    }

    [Fact]
    public void FullReductionsOfEveryShape()
    {
        var rng = new Random(31);
        int i = 0;
        foreach (var shape in Shapes.Mixed(rng, perRank: 2).Concat(Shapes.Lengths().Where(s => s[0] % 5 == 1)))
        {
            var x = Operand.Float(rng, shape, Layouts.All[i++ % Layouts.All.Length], Values);
            string c = $"x: {x}";
            Close.Check("aten::sum", c, RefReduce.Fold(x.Values, [], false, RefReduce.Sum), x.Tensor.sum(), Tolerance.Accumulating, RefReduce.Fold(x.Values, [], false, RefReduce.SumAbs));
            Close.Check("torch.sum", c, RefReduce.Fold(x.Values, [], false, RefReduce.Sum), torch.sum(x.Tensor), Tolerance.Accumulating, RefReduce.Fold(x.Values, [], false, RefReduce.SumAbs));
            Close.Check("aten::mean", c, RefReduce.Fold(x.Values, [], false, RefReduce.Mean), x.Tensor.mean(), Tolerance.Accumulating, RefReduce.Fold(x.Values, [], false, v => RefReduce.SumAbs(v) / v.Length));
            if (x.Values.Length == 0)
            {
                AssertNamesOp("aten::max", () => x.Tensor.max());
                AssertNamesOp("aten::min", () => x.Tensor.min());
                AssertNamesOp("aten::argmax", () => x.Tensor.argmax());
                continue;
            }

            Close.Check("aten::max", c, RefReduce.Fold(x.Values, [], false, v => RefReduce.Best(v, true)), x.Tensor.max(), Tolerance.Exact);
            Close.Check("aten::min", c, RefReduce.Fold(x.Values, [], false, v => RefReduce.Best(v, false)), x.Tensor.min(), Tolerance.Exact);
            Close.Equal("aten::argmax", c, RefReduce.Fold(x.Values, [], false, v => RefReduce.ArgBest(v, true)), x.Tensor.argmax(), DType.Int64);
        }
    }

    [Fact]
    public void SumOfBoolAndInt64IsAnExactInt64()
    {
        var rng = new Random(32);
        int i = 0;
        foreach (var shape in Shapes.Mixed(rng, perRank: 2))
        {
            foreach (var dims in DimLists(rng, shape.Length))
            {
                var layout = Layouts.All[i++ % Layouts.All.Length];
                var b = Operand.Bool(rng, shape, layout);
                var n = Operand.Int64(rng, shape, layout, r => r.Next(-1000, 1000));
                Close.Equal("aten::sum", $"x: {b}, dims [{string.Join(", ", dims)}]", RefReduce.Fold(b.Values, dims, false, RefReduce.Sum), b.Tensor.sum(dims), DType.Int64);
                Close.Equal("aten::sum", $"x: {n}, dims [{string.Join(", ", dims)}], keepdim", RefReduce.Fold(n.Values, dims, true, RefReduce.Sum), n.Tensor.sum(dims, keepdim: true), DType.Int64);
                Close.Equal("aten::sum", $"x: {b}", RefReduce.Fold(b.Values, [], false, RefReduce.Sum), b.Tensor.sum(), DType.Int64);
            }
        }
    }

    private static void CheckDimOp(string name, Operand x, long[] dims, bool keepdim)
    {
        string c = $"x: {x}, dims [{string.Join(", ", dims)}], keepdim {keepdim}";
        var reduced = RefReduce.Reduced(x.Shape.Length, dims);
        bool emptyAxis = x.Shape.Where((s, d) => reduced[d]).Any(s => s == 0);
        switch (name)
        {
            case "sum":
                Close.Check("aten::sum", c, RefReduce.Fold(x.Values, dims, keepdim, RefReduce.Sum),
                    dims.Length == 1 ? x.Tensor.sum(dims[0], keepdim) : x.Tensor.sum(dims, keepdim),
                    Tolerance.Accumulating, RefReduce.Fold(x.Values, dims, keepdim, RefReduce.SumAbs));
                break;
            case "mean":
                Close.Check("aten::mean", c, RefReduce.Fold(x.Values, dims, keepdim, RefReduce.Mean),
                    dims.Length == 1 ? x.Tensor.mean(dims[0], keepdim) : x.Tensor.mean(dims, keepdim),
                    Tolerance.Accumulating, RefReduce.Fold(x.Values, dims, keepdim, v => RefReduce.SumAbs(v) / v.Length));
                break;
            case "var" or "var(unbiased=False)" or "std" or "std(unbiased=False)":
            {
                bool unbiased = !name.Contains("False");
                bool std = name.StartsWith("std", StringComparison.Ordinal);
                var expected = RefReduce.Fold(x.Values, dims, keepdim, v => RefReduce.Var(v, unbiased ? 1 : 0));
                if (std) expected = expected.Map(Math.Sqrt);
                var actual = std ? x.Tensor.std(dims, unbiased, keepdim) : x.Tensor.var(dims, unbiased, keepdim);
                Close.Check(std ? "aten::std" : "aten::var", c, expected, actual, Tolerance.Accumulating, expected.Map(Math.Abs));
                break;
            }

            default:
            {
                bool max = name == "amax";
                Func<Tensor> run = () => max ? x.Tensor.amax(dims, keepdim) : AtenOps.amin(x.Tensor, dims, keepdim);
                if (emptyAxis)
                {
                    AssertNamesOp($"aten::{name}", run);
                    break;
                }

                Close.Check($"aten::{name}", c, RefReduce.Fold(x.Values, dims, keepdim, v => RefReduce.Best(v, max)), run(), Tolerance.Exact);
                break;
            }
        }
    }

    private static void CheckArgOp(string name, Operand x, int dim, bool keepdim)
    {
        string c = $"x: {x}, dim {dim}, keepdim {keepdim}";
        bool max = name != "min";
        if (x.Shape.Length > 0 && x.Shape[dim < 0 ? dim + x.Shape.Length : dim] == 0)
        {
            AssertNamesOp($"aten::{name}", () => name == "argmax" ? x.Tensor.argmax(dim, keepdim) : (max ? x.Tensor.max(dim, keepdim) : x.Tensor.min(dim, keepdim)).values);
            return;
        }

        long[] dims = [dim];
        var values = RefReduce.Fold(x.Values, dims, keepdim, v => RefReduce.Best(v, max));
        var indices = RefReduce.Fold(x.Values, dims, keepdim, v => RefReduce.ArgBest(v, max));
        if (x.Shape.Length == 0 && keepdim) (values, indices) = (Scalar0(values), Scalar0(indices)); // a 0-dim tensor keeps no dim to keep
        if (name == "argmax")
        {
            Close.Equal("aten::argmax", c, indices, x.Tensor.argmax(dim, keepdim), DType.Int64);
            return;
        }

        var (v, i) = max ? x.Tensor.max(dim, keepdim) : x.Tensor.min(dim, keepdim);
        Close.Check($"aten::{name}.dim values", c, values, v, Tolerance.Exact);
        Close.Equal($"aten::{name}.dim indices", c, indices, i, DType.Int64);
    }

    private static RefTensor Scalar0(RefTensor t) => new([], t.Data);

    // Every single dim in both spellings, a pair and a triple (when the rank allows), and all dims.
    private static IEnumerable<long[]> DimLists(Random rng, int rank)
    {
        for (int d = 0; d < rank; d++)
        {
            yield return [d];
            yield return [d - rank];
        }

        if (rank == 0) yield return [0];
        if (rank >= 2) yield return [rank - 1, rng.Next(rank - 1) - rank];
        if (rank >= 3) yield return [0, 1, -1];
        yield return [];
    }

    private static void AssertNamesOp(string op, Func<Tensor> run)
    {
        var e = Assert.ThrowsAny<Exception>(() => run());
        Assert.True(e is ArgumentException or InvalidOperationException or IndexOutOfRangeException, $"{op}: {e.GetType().Name}: {e.Message}");
        Assert.Contains(op, e.Message);
    }
}
