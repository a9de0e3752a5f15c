using TorchJit.Ir;
using TorchJit.Kernels;
using static TorchJit.torch;

namespace TorchJit.Tests.Conformance;

/// <summary>
/// where(condition, self, other) with all three broadcast and in every layout (bool views included), and
/// masked_fill with a mask broadcast to self: values pass through bit for bit, NaN and infinities included.
/// </summary>
public sealed class WhereMaskedFillTests
{
    private static readonly Func<Random, float> Values = Samplers.WithSpecials(Samplers.Normal(3), 0.2);

    [Fact]
    public void WhereBroadcastsAllThreeOperandsInEveryLayout()
    {
        var rng = new Random(21);
        int i = 0;
        foreach (var shape in Shapes.Mixed(rng, perRank: 3))
        {
            var (sc, sx) = Shapes.BroadcastPair(rng, shape);
            var (_, sy) = Shapes.BroadcastPair(rng, shape);
            foreach (var layout in Layouts.All)
            {
                var c = Operand.Bool(rng, sc, layout);
                var x = Operand.Float(rng, sx, Layouts.All[(i + 1) % Layouts.All.Length], Values);
                var y = Operand.Float(rng, sy, Layouts.All[(i + 3) % Layouts.All.Length], Values);
                i++;
                Close.Check("aten::where", $"condition: {c}, self: {x}, other: {y}", Where(c.Values, x.Values, y.Values), where(c.Tensor, x.Tensor, y.Tensor), Tolerance.Exact);
            }
        }
    }

    [Fact]
    public void WhereOverEveryLength()
    {
        var rng = new Random(22);
        foreach (var shape in Shapes.Lengths())
        {
            var c = Operand.Bool(rng, shape, Layouts.All[shape[0] % Layouts.All.Length]);
            var x = Operand.Float(rng, shape, Layout.Stepped, Values);
            var y = Operand.Float(rng, [1], Layout.Contiguous, Values);
            Close.Check("aten::where", $"condition: {c}, self: {x}, other: {y}", Where(c.Values, x.Values, y.Values), where(c.Tensor, x.Tensor, y.Tensor), Tolerance.Exact);
        }
    }

    [Fact]
    public void WhereMixesInt64AndFloat32IntoFloat32AndKeepsInt64()
    {
        var rng = new Random(23);
        foreach (var (sa, sb) in Shapes.BroadcastEdge)
        {
            var c = Operand.Bool(rng, sa, Layout.Transposed);
            var f = Operand.Float(rng, sb, Layout.Stepped, Values);
            var n = Operand.Int64(rng, sb, Layout.Selected, r => r.Next(-9, 10));
            var m = Operand.Int64(rng, sa, Layout.Permuted, r => r.Next(-9, 10));
            Close.Check("aten::where", $"condition: {c}, self: {n}, other: {f}", Where(c.Values, n.Values, f.Values), where(c.Tensor, n.Tensor, f.Tensor), Tolerance.Exact);
            Close.Equal("aten::where", $"condition: {c}, self: {n}, other: {m}", Where(c.Values, n.Values, m.Values), where(c.Tensor, n.Tensor, m.Tensor), DType.Int64);
        }
    }

    [Fact]
    public void MaskedFillBroadcastsTheMaskInEveryLayout()
    {
        var rng = new Random(24);
        int i = 0;
        foreach (var shape in Shapes.Mixed(rng, perRank: 3))
        {
            // The mask broadcasts to self: drop leading dims and set some to 1.
            var (_, sm) = Shapes.BroadcastPair(rng, shape);
            sm = sm.Select((s, d) => rng.Next(3) == 0 ? 1 : shape[shape.Length - sm.Length + d]).ToArray();
            foreach (var layout in Layouts.All)
            {
                var x = Operand.Float(rng, shape, layout, Values);
                var mask = Operand.Bool(rng, sm, Layouts.All[(i + 2) % Layouts.All.Length]);
                double fill = new[] { -1e9, double.NegativeInfinity, double.NaN, 0.5, -0.0 }[i++ % 5];
                var expected = Where(mask.Values, RefTensor.Of([(float)fill]), x.Values);
                Close.Check("aten::masked_fill", $"self: {x}, mask: {mask}, value: {fill}", expected, x.Tensor.masked_fill(mask.Tensor, fill), Tolerance.Exact);
            }
        }
    }

    [Fact]
    public void MaskedFillOnInt64StaysInt64()
    {
        var rng = new Random(25);
        foreach (var shape in Shapes.Edge)
        {
            var x = Operand.Int64(rng, shape, Layout.Transposed, r => r.Next(0, 100));
            var mask = Operand.Bool(rng, shape, Layout.Stepped);
            Close.Equal("aten::masked_fill", $"self: {x}, mask: {mask}", Where(mask.Values, RefTensor.Of([-1f]), x.Values), x.Tensor.masked_fill(mask.Tensor, -1), DType.Int64);
        }
    }

    [Fact]
    public void AMaskThatDoesNotBroadcastToSelfOrIsNotBoolNamesTheOpAndShapes()
    {
        var x = zeros(2, 3);

        var wide = Assert.Throws<ArgumentException>(() => x.masked_fill(ones([4, 2, 3], DType.Bool), 1));
        Assert.Contains("aten::masked_fill", wide.Message);
        Assert.Contains("Bool[4, 2, 3]", wide.Message);
        Assert.Contains("Float[2, 3]", wide.Message);
        var notBool = Assert.Throws<ArgumentException>(() => AtenOps.masked_fill(x, ones(2, 3), 1));
        Assert.Contains("aten::masked_fill", notBool.Message);
        Assert.Contains("Float[2, 3]", notBool.Message);
    }

    private static RefTensor Where(RefTensor c, RefTensor x, RefTensor y)
    {
        var shape = RefTensor.Broadcast(c.Shape, x.Shape, y.Shape);
        var result = RefTensor.Zeros(shape);
        foreach (var index in RefTensor.Indices(shape)) result[index] = c.At(index) != 0 ? x.At(index) : y.At(index);
        return result;
    }
}
