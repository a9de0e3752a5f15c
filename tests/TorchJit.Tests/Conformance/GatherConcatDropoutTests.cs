using TorchJit.Ir;
using TorchJit.Kernels;
using static TorchJit.torch;
using F = TorchJit.torch.nn.functional;

namespace TorchJit.Tests.Conformance;

/// <summary>
/// embedding (indices of any shape and layout, padding_idx), cat and stack (every dim, negative dims, empty
/// tensors, operands in every layout, every dtype) and dropout (the identity in eval). All exact: these ops
/// move values, they compute none.
/// </summary>
public sealed class GatherConcatDropoutTests
{
    private static readonly Func<Random, float> Values = Samplers.WithSpecials(Samplers.Normal(1), 0.1);

    [Fact]
    public void EmbeddingGathersRowsForIndicesOfAnyShapeAndLayout()
    {
        var rng = new Random(81);
        int i = 0;
        foreach (var indexShape in new[] { new int[0], [0], [1], [5], [3, 4], [2, 0], [2, 3, 2], [1, 1] })
        {
            foreach (var layout in Layouts.All)
            {
                var weight = Operand.Float(rng, [7, 5], Layouts.All[(i + 3) % Layouts.All.Length], Values);
                var indices = Operand.Int64(rng, indexShape, layout, r => r.Next(0, 7));
                long padding = i % 2 == 0 ? -1 : 2;
                var result = i++ % 2 == 0 ? F.embedding(indices.Tensor, weight.Tensor) : AtenOps.embedding(weight.Tensor, indices.Tensor, padding, false, false);
                var expected = RefTensor.Zeros([.. indexShape, 5]);
                for (int k = 0; k < indices.Values.Length; k++)
                    for (int d = 0; d < 5; d++) expected.Data[(k * 5) + d] = weight.Values[[(int)indices.Values.Data[k], d]];
                Close.Check("aten::embedding", $"weight: {weight}, indices: {indices}, padding_idx {padding}", expected, result, Tolerance.Exact);
            }
        }
    }

    [Fact]
    public void EmbeddingRefusesOutOfRangeIndicesNamingTheOpAndShapes()
    {
        // (nn.Embedding's zeroed padding row is not checked here: its constructor draws from the global
        // generator, and other test classes seed and replay that generator in parallel.)
        var weight = zeros(6, 4);
        foreach (long bad in new[] { 6L, -1L })
        {
            var e = Assert.ThrowsAny<ArgumentException>(() => F.embedding(tensor([1L, bad]), weight));
            Assert.Contains("aten::embedding", e.Message);
            Assert.Contains("Float[6, 4]", e.Message);
            Assert.Contains(bad.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message);
        }
    }

    [Fact]
    public void CatAlongEveryDimInEveryLayout()
    {
        var rng = new Random(82);
        int i = 0;
        foreach (var shape in new[] { new[] { 3 }, [2, 3], [2, 1, 4], [1, 3, 2, 2], [2, 0, 3], [0, 3] })
        {
            for (int d = -shape.Length; d < shape.Length; d++)
            {
                int axis = d < 0 ? d + shape.Length : d;
                var parts = new List<Operand>();
                foreach (int size in new[] { shape[axis], 1, 0, 4 })
                {
                    var s = (int[])shape.Clone();
                    s[axis] = size;
                    parts.Add(Operand.Float(rng, s, Layouts.All[i++ % Layouts.All.Length], Values));
                }

                var expected = Concat(parts.Select(p => p.Values).ToArray(), axis);
                Close.Check("aten::cat", $"tensors: [{string.Join("; ", parts)}], dim {d}", expected, torch.cat([.. parts.Select(p => p.Tensor)], d), Tolerance.Exact);
            }
        }
    }

    [Fact]
    public void CatSkipsLegacyEmpty1DTensorsAndKeepsIntegerDTypes()
    {
        var rng = new Random(83);
        var a = Operand.Float(rng, [2, 3], Layout.Transposed, Values);
        var empty = zeros(0);
        Close.Check("aten::cat", "with 1-D empty tensors", a.Values, torch.cat([empty, a.Tensor, empty], 1), Tolerance.Exact);

        var l = Operand.Int64(rng, [2, 2], Layout.Stepped, r => r.Next(-5, 5));
        var m = Operand.Int64(rng, [1, 2], Layout.Contiguous, r => r.Next(-5, 5));
        Close.Equal("aten::cat", $"tensors: [{l}; {m}]", Concat([l.Values, m.Values], 0), torch.cat([l.Tensor, m.Tensor]), DType.Int64);
        var b = Operand.Bool(rng, [3, 2], Layout.Permuted);
        Close.Equal("aten::cat", $"tensors: [{b}; {b}], dim -1", Concat([b.Values, b.Values], 1), torch.cat([b.Tensor, b.Tensor], -1), DType.Bool);
    }

    [Fact]
    public void CatPromotesMixedDTypesAsPyTorchDoes()
    {
        var f = tensor([1.5f, 2.5f]);
        var l = tensor([3L]);
        var b = torch.tensor([true]);

        Close.Check("aten::cat", "float and int64", RefTensor.Of([1.5f, 2.5f, 3f], 3), torch.cat([f, l]), Tolerance.Exact);
        Close.Equal("aten::cat", "int64 and bool", RefTensor.Of([3f, 1f], 2), torch.cat([l, b]), DType.Int64);
        Close.Check("aten::cat", "bool and float", RefTensor.Of([1f, 1.5f, 2.5f], 3), torch.cat([b, f]), Tolerance.Exact);
    }

    [Fact]
    public void StackAlongEveryDimIncludingNegativeAndEmpty()
    {
        var rng = new Random(84);
        int i = 0;
        foreach (var shape in new[] { new int[0], [3], [2, 3], [0, 2], [2, 1, 3] })
        {
            for (int d = -(shape.Length + 1); d <= shape.Length; d++)
            {
                var parts = Enumerable.Range(0, 3).Select(_ => Operand.Float(rng, shape, Layouts.All[i++ % Layouts.All.Length], Values)).ToArray();
                int axis = d < 0 ? d + shape.Length + 1 : d;
                var expected = Concat(parts.Select(p => new RefTensor([.. shape[..axis], 1, .. shape[axis..]], p.Values.Data)).ToArray(), axis);
                Close.Check("aten::stack", $"tensors: [{string.Join("; ", parts.Select(p => p.ToString()))}], dim {d}", expected, torch.stack([.. parts.Select(p => p.Tensor)], d), Tolerance.Exact);
            }
        }
    }

    [Fact]
    public void DropoutIsTheIdentityInEvalAndWithPZero()
    {
        var rng = new Random(85);
        foreach (var shape in Shapes.Edge)
        {
            foreach (var layout in Layouts.All)
            {
                var x = Operand.Float(rng, shape, layout, Values);
                Close.Check("aten::dropout", $"input: {x}, training false", x.Values, F.dropout(x.Tensor, 0.5, training: false), Tolerance.Exact);
                Close.Check("aten::dropout", $"input: {x}, p 0", x.Values, F.dropout(x.Tensor, 0, training: true), Tolerance.Exact);
                var module = nn.Dropout(0.3);
                module.eval();
                Close.Check("Dropout.eval()", $"input: {x}", x.Values, module.forward(x.Tensor), Tolerance.Exact);
            }
        }
    }

    [Fact]
    public void DropoutInTrainingWithPOneGivesZeros()
    {
        // Other p in training draw from the global generator, which other test classes seed and replay in parallel.
        var x = Operand.Float(new Random(86), [4, 5], Layout.Transposed, Values);
        Close.Check("aten::dropout", $"input: {x}, p 1", RefTensor.Zeros(4, 5), F.dropout(x.Tensor, 1, training: true), Tolerance.Exact);
    }

    private static RefTensor Concat(RefTensor[] parts, int axis)
    {
        var shape = (int[])parts[0].Shape.Clone();
        shape[axis] = parts.Sum(p => p.Shape[axis]);
        var result = RefTensor.Zeros(shape);
        int start = 0;
        foreach (var p in parts)
        {
            foreach (var index in RefTensor.Indices(p.Shape))
            {
                var at = (int[])index.Clone();
                at[axis] += start;
                result[at] = p[index];
            }

            start += p.Shape[axis];
        }

        return result;
    }
}
