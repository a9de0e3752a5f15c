using static TorchJit.torch;
using F = TorchJit.torch.nn.functional;

namespace TorchJit.Tests.Conformance;

/// <summary>
/// max_pool2d (dilation, padding, ceil_mode; NaN in a window wins), avg_pool2d (ceil_mode, count_include_pad)
/// and adaptive_avg_pool2d, batched and unbatched, inputs in every layout. max is exact; the averages are
/// <see cref="Tolerance.Accumulating"/> against Σ|x| / divisor.
/// </summary>
public sealed class PoolingTests
{
    private static readonly Func<Random, float> Values = Samplers.WithSpecials(Samplers.Normal(2), 0.02);

    /// <summary>H, W, kernel, stride, padding, dilation (max only).</summary>
    public static TheoryData<string> Windows =>
    [
        "7,9,2x2,2x2,0x0,1", "8,8,3x3,2x2,1x1,1", "9,7,3x3,1x1,1x1,2", "5,11,2x3,3x2,1x1,1", "6,6,3x3,3x3,0x0,1",
        "13,10,5x5,2x3,2x2,1", "4,4,4x4,1x1,2x2,1", "3,5,1x1,2x2,0x0,1", "10,9,3x2,2x2,1x1,3", "2,2,2x2,2x2,1x1,1",
    ];

    [Theory]
    [MemberData(nameof(Windows))]
    public void MaxPool2dInEveryLayoutAndCeilMode(string window)
    {
        var (h, w, k, s, p, d) = Parse(window);
        var rng = Seeds.For(window);
        int i = 0;
        foreach (bool ceil in new[] { false, true })
        {
            foreach (var layout in Layouts.All)
            {
                var x = Operand.Float(rng, [1 + (i % 3), 2 + (i % 2), h, w], layout, Values);
                i++;
                string c = $"input: {x}, {window}, ceil_mode {ceil}";
                if (2 * p.H > k.H || 2 * p.W > k.W || RefPool.OutSize(h, k.H, s.H, p.H, d, ceil) <= 0 || RefPool.OutSize(w, k.W, s.W, p.W, d, ceil) <= 0)
                {
                    AssertRefused("aten::max_pool2d", () => F.max_pool2d(x.Tensor, [k.H, k.W], [s.H, s.W], [p.H, p.W], [d], ceil));
                    continue;
                }

                var expected = RefPool.MaxPool2d(x.Values, k, s, p, (d, d), ceil);
                Close.Check("aten::max_pool2d", c, expected, F.max_pool2d(x.Tensor, [k.H, k.W], [s.H, s.W], [p.H, p.W], [d], ceil), Tolerance.Exact);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Windows))]
    public void AvgPool2dInEveryLayoutCeilModeAndPadCounting(string window)
    {
        var (h, w, k, s, p, _) = Parse(window);
        var rng = Seeds.For(window, 1);
        int i = 0;
        foreach (bool ceil in new[] { false, true })
        {
            foreach (bool countPad in new[] { true, false })
            {
                var x = Operand.Float(rng, [2, 3, h, w], Layouts.All[i++ % Layouts.All.Length], Values);
                string c = $"input: {x}, {window}, ceil_mode {ceil}, count_include_pad {countPad}";
                if (2 * p.H > k.H || 2 * p.W > k.W)
                {
                    AssertRefused("aten::avg_pool2d", () => F.avg_pool2d(x.Tensor, [k.H, k.W], [s.H, s.W], [p.H, p.W], ceil, countPad));
                    continue;
                }

                var (expected, magnitude) = RefPool.AvgPool2d(x.Values, k, s, p, ceil, countPad);
                Close.Check("aten::avg_pool2d", c, expected, F.avg_pool2d(x.Tensor, [k.H, k.W], [s.H, s.W], [p.H, p.W], ceil, countPad), Tolerance.Accumulating, magnitude);
            }
        }
    }

    [Fact]
    public void UnbatchedPoolingAndDefaultStride()
    {
        var rng = new Random(61);
        foreach (var layout in Layouts.All)
        {
            var x = Operand.Float(rng, [3, 7, 8], layout, Values);
            var batched = new RefTensor([1, .. x.Shape], x.Values.Data);
            var max = RefPool.MaxPool2d(batched, (3, 3), (3, 3), (1, 1), (1, 1), false);
            Close.Check("aten::max_pool2d", $"input: {x}", new RefTensor(max.Shape[1..], max.Data), F.max_pool2d(x.Tensor, [3], padding: [1]), Tolerance.Exact);
            var (avg, mag) = RefPool.AvgPool2d(batched, (2, 2), (2, 2), (0, 0), false, true);
            Close.Check("aten::avg_pool2d", $"input: {x}", new RefTensor(avg.Shape[1..], avg.Data), F.avg_pool2d(x.Tensor, [2]), Tolerance.Accumulating, new RefTensor(mag.Shape[1..], mag.Data));
        }
    }

    [Fact]
    public void AdaptiveAvgPool2dToEveryOutputSize()
    {
        var rng = new Random(62);
        int i = 0;
        foreach (var (h, w) in new[] { (7, 9), (8, 8), (1, 5), (13, 3), (4, 4) })
        {
            foreach (var (oh, ow) in new[] { (1, 1), (2, 3), (h, w), (3, 3), (h + 2, 1), (5, 7) })
            {
                var layout = Layouts.All[i++ % Layouts.All.Length];
                var x = Operand.Float(rng, [2, 3, h, w], layout, Values);
                var (expected, magnitude) = RefPool.AdaptiveAvgPool2d(x.Values, oh, ow);
                Close.Check("aten::adaptive_avg_pool2d", $"input: {x}, output_size [{oh}, {ow}]", expected, F.adaptive_avg_pool2d(x.Tensor, [oh, ow]), Tolerance.Accumulating, magnitude);
                var u = Operand.Float(rng, [3, h, w], layout, Values);
                var (eu, mu) = RefPool.AdaptiveAvgPool2d(new RefTensor([1, .. u.Shape], u.Values.Data), oh, ow);
                Close.Check("aten::adaptive_avg_pool2d", $"input: {u}, output_size [{oh}, {ow}]", new RefTensor(eu.Shape[1..], eu.Data),
                    F.adaptive_avg_pool2d(u.Tensor, [oh, ow]), Tolerance.Accumulating, new RefTensor(mu.Shape[1..], mu.Data));
            }
        }
    }

    private static void AssertRefused(string op, Func<Tensor> run)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => run());
        Assert.Contains(op, e.Message);
    }

    private static (int H, int W, (int H, int W) K, (int H, int W) S, (int H, int W) P, int D) Parse(string window)
    {
        var p = window.Split(',');
        (int, int) Pair(string v) => (int.Parse(v.Split('x')[0]), int.Parse(v.Split('x')[1]));
        return (int.Parse(p[0]), int.Parse(p[1]), Pair(p[2]), Pair(p[3]), Pair(p[4]), int.Parse(p[5]));
    }
}
