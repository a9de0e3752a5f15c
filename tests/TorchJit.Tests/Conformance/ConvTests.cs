using static TorchJit.torch;
using F = TorchJit.torch.nn.functional;

namespace TorchJit.Tests.Conformance;

/// <summary>
/// conv2d and conv1d over stride, padding, dilation and groups (depthwise included), batched and unbatched,
/// input and weight in every layout, odd and degenerate sizes. Tolerance: <see cref="Tolerance.Accumulating"/>
/// against Σ|x·w| + |b|.
/// </summary>
public sealed class ConvTests
{
    private static readonly Func<Random, float> Values = Samplers.WithSpecials(Samplers.Normal(1), 0.005, [float.NaN, float.PositiveInfinity, -0f, 1e-40f, 1e4f, -1e4f]);

    /// <summary>N, C, H, W, out channels, kernel, stride, padding, dilation, groups.</summary>
    public static TheoryData<string> Configs =>
    [
        "1,3,7,9,4,3x3,1,0,1,1", "2,3,8,8,5,3x3,1,1,1,1", "1,4,9,7,6,3x3,2,1,1,2", "2,6,10,11,6,3x3,1,1,1,6", "1,5,9,9,10,3x3,2,2,1,5",
        "1,3,11,13,2,3x5,1,2,2,1", "3,2,5,5,3,1x1,1,0,1,1", "1,8,4,4,8,5x5,1,2,1,8", "2,4,6,5,4,2x3,3,0,1,1", "1,2,3,3,3,3x3,1,0,1,1",
        "1,16,17,15,32,3x3,1,1,1,1", "0,3,5,5,2,3x3,1,1,1,1", "1,1,1,1,1,1x1,1,0,1,1", "2,6,7,7,3,3x3,1,1,3,3",
    ];

    [Theory]
    [MemberData(nameof(Configs))]
    public void Conv2dInEveryLayout(string config)
    {
        var c = Parse(config);
        var rng = Seeds.For(config);
        int i = 0;
        foreach (var layout in Layouts.All)
        {
            var x = Operand.Float(rng, [c.N, c.C, c.H, c.W], layout, Values);
            var w = Operand.Float(rng, [c.O, c.C / c.Groups, c.Kh, c.Kw], Layouts.All[(i + 2) % Layouts.All.Length], Samplers.Normal(0.5));
            var bias = i % 2 == 0 ? Operand.Float(rng, [c.O], Layout.Stepped, Samplers.Normal(1)) : null;
            i++;
            var (expected, magnitude) = RefConv.Conv2d(x.Values, w.Values, bias?.Values, (c.Stride, c.Stride), (c.Pad, c.Pad), (c.Dil, c.Dil), c.Groups);
            var result = F.conv2d(x.Tensor, w.Tensor, bias?.Tensor, [c.Stride], [c.Pad, c.Pad], [c.Dil], c.Groups);
            Close.Check("aten::conv2d", $"input: {x}, weight: {w}, bias: {(object?)bias ?? "None"}, {config}", expected, result, Tolerance.Accumulating, magnitude);
        }
    }

    [Theory]
    [MemberData(nameof(Configs))]
    public void UnbatchedConv2dAndConv1d(string config)
    {
        var c = Parse(config);
        if (c.N == 0) return;
        var rng = Seeds.For(config, 1);

        // Unbatched [C, H, W] input.
        var x = Operand.Float(rng, [c.C, c.H, c.W], Layout.Transposed, Values);
        var w = Operand.Float(rng, [c.O, c.C / c.Groups, c.Kh, c.Kw], Layout.Contiguous, Samplers.Normal(0.5));
        var (expected, magnitude) = RefConv.Conv2d(Batch(x.Values), w.Values, null, (c.Stride, c.Stride), (c.Pad, c.Pad), (c.Dil, c.Dil), c.Groups);
        Close.Check("aten::conv2d", $"input: {x}, weight: {w}, {config}", Unbatch(expected), F.conv2d(x.Tensor, w.Tensor, null, [c.Stride, c.Stride], [c.Pad], [c.Dil, c.Dil], c.Groups), Tolerance.Accumulating, Unbatch(magnitude));

        // conv1d over the width, batched and not.
        foreach (bool batched in new[] { true, false })
        {
            int[] shape = batched ? [c.N, c.C, c.W] : [c.C, c.W];
            var x1 = Operand.Float(rng, shape, batched ? Layout.Permuted : Layout.Stepped, Values);
            var w1 = Operand.Float(rng, [c.O, c.C / c.Groups, c.Kw], Layout.Selected, Samplers.Normal(0.5));
            var b1 = Operand.Float(rng, [c.O], Layout.Contiguous, Samplers.Normal(1));
            var x4 = batched ? Height1(x1.Values) : Batch(Height1Unbatched(x1.Values));
            var (e1, m1) = RefConv.Conv2d(x4, Height1(w1.Values), b1.Values, (1, c.Stride), (0, c.Pad), (1, c.Dil), c.Groups);
            var squeeze = (RefTensor t) => batched ? Drop(t, 2) : Drop(Unbatch(t), 1);
            Close.Check("aten::conv1d", $"input: {x1}, weight: {w1}, bias: {b1}, {config}", squeeze(e1),
                F.conv1d(x1.Tensor, w1.Tensor, b1.Tensor, [c.Stride], [c.Pad], [c.Dil], c.Groups), Tolerance.Accumulating, squeeze(m1));
        }
    }

    [Fact]
    public void PackedWeightsFollowWritesThroughAnotherViewOfTheirStorage()
    {
        // A weight used as a view, then changed through its base: the conv must see the new values
        // (PyTorch's version counter is shared by every view of a storage).
        var rng = new Random(51);
        var x = Operand.Float(rng, [1, 3, 6, 6], Layout.Contiguous, Samplers.Normal(1));
        var weightBase = Tensor.FromArray(Enumerable.Range(0, 4 * 3 * 3 * 3).Select(i => (float)Math.Sin(i)).ToArray(), 4, 3, 3, 3);
        var weight = weightBase.view(4, 3, 3, 3);
        var before = F.conv2d(x.Tensor, weight);

        weightBase.copy_(weightBase * -2);
        var after = F.conv2d(x.Tensor, weight);

        Close.Check("aten::conv2d", "after copy_ into the weight's base", Read.Ref(before).Map(v => -2 * v), after, Tolerance.Accumulating, Read.Ref(before).Map(v => 2 * Math.Abs(v)));
    }

    private static RefTensor Batch(RefTensor t) => new([1, .. t.Shape], t.Data);

    private static RefTensor Unbatch(RefTensor t) => new(t.Shape[1..], t.Data);

    private static RefTensor Height1(RefTensor t) => new([t.Shape[0], t.Shape[1], 1, t.Shape[2]], t.Data);

    private static RefTensor Height1Unbatched(RefTensor t) => new([t.Shape[0], 1, t.Shape[1]], t.Data);

    private static RefTensor Drop(RefTensor t, int dim) => new([.. t.Shape.Where((_, d) => d != dim)], t.Data);

    private static (int N, int C, int H, int W, int O, int Kh, int Kw, int Stride, int Pad, int Dil, int Groups) Parse(string config)
    {
        var p = config.Split(',');
        var k = p[5].Split('x');
        return (int.Parse(p[0]), int.Parse(p[1]), int.Parse(p[2]), int.Parse(p[3]), int.Parse(p[4]), int.Parse(k[0]), int.Parse(k[1]),
            int.Parse(p[6]), int.Parse(p[7]), int.Parse(p[8]), int.Parse(p[9]));
    }
}
