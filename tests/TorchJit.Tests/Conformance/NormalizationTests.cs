using TorchJit.Kernels;
using static TorchJit.torch;
using F = TorchJit.torch.nn.functional;

namespace TorchJit.Tests.Conformance;

/// <summary>
/// layer_norm, group_norm and batch_norm (inference) against float64 references, inputs and affine
/// parameters in every layout, with and without weight and bias, empty batches and size-1 groups.
/// Tolerance: <see cref="Tolerance.Accumulating"/> against |y| + (Σ|x| / n) / σ · |w| (the float32 mean's
/// rounding, carried through the normalization); batch_norm with given statistics is elementwise, default tolerance.
/// </summary>
public sealed class NormalizationTests
{
    private static readonly Func<Random, float> Values = Samplers.WithSpecials(Samplers.Normal(2, 0.5), 0.01);

    [Fact]
    public void LayerNormOverTrailingDimsInEveryLayout()
    {
        var rng = new Random(71);
        int i = 0;
        foreach (var shape in new[] { new[] { 4, 7 }, [2, 3, 5], [3, 1], [1, 17], [0, 5], [2, 2, 3, 4], [33], [5, 64] })
        {
            for (int k = 1; k <= Math.Min(2, shape.Length); k++)
            {
                foreach (var layout in Layouts.All)
                {
                    int[] normalized = shape[^k..];
                    var x = Operand.Float(rng, shape, layout, Values);
                    var w = i % 3 == 0 ? null : Operand.Float(rng, normalized, Layouts.All[(i + 1) % Layouts.All.Length], Samplers.Normal(1));
                    var b = i % 2 == 0 ? null : Operand.Float(rng, normalized, Layouts.All[(i + 2) % Layouts.All.Length], Samplers.Normal(1));
                    double eps = i++ % 4 == 3 ? 1e-3 : 1e-5;
                    int n = RefTensor.Count(normalized);
                    var (expected, magnitude) = RefNorm.Normalize(x.Values, n, eps, j => j % n, w?.Values, b?.Values);
                    var result = F.layer_norm(x.Tensor, [.. normalized.Select(s => (long)s)], w?.Tensor, b?.Tensor, eps);
                    Close.Check("aten::layer_norm", $"input: {x}, normalized_shape {RefTensor.Format(normalized)}, weight: {Describe(w)}, bias: {Describe(b)}, eps {eps}", expected, result, Tolerance.Accumulating, magnitude);
                }
            }
        }
    }

    [Fact]
    public void LayerNormAndGroupNormOverEveryRowLengthFrom0To256()
    {
        var rng = new Random(74);
        foreach (var shape in Shapes.Lengths())
        {
            int n = shape[0];
            var x = Operand.Float(rng, [2, n], Layouts.All[n % Layouts.All.Length], Values);
            var w = Operand.Float(rng, [n], Layout.Stepped, Samplers.Normal(1));
            var (expected, magnitude) = RefNorm.Normalize(x.Values, n, 1e-5, j => j % Math.Max(n, 1), w.Values, null);
            Close.Check("aten::layer_norm", $"input: {x}, weight: {w}", expected, F.layer_norm(x.Tensor, [n], w.Tensor), Tolerance.Accumulating, magnitude);

            var y = Operand.Float(rng, [1, 2, n], Layouts.All[(n + 1) % Layouts.All.Length], Values);
            (expected, magnitude) = RefNorm.Normalize(y.Values, 2 * n, 1e-5, j => j, null, null);
            Close.Check("aten::group_norm", $"input: {y}, groups 1", expected, F.group_norm(y.Tensor, 1), Tolerance.Accumulating, magnitude);
        }
    }

    [Fact]
    public void GroupNormInEveryLayout()
    {
        var rng = new Random(72);
        int i = 0;
        foreach (var (shape, groups) in new[] { (new[] { 2, 6, 5 }, 3), ([1, 4, 3, 3], 2), ([3, 4], 4), ([2, 8, 2, 3], 1), ([0, 4, 2], 2), ([1, 6, 1, 1], 6), ([2, 9, 7], 3) })
        {
            foreach (var layout in Layouts.All)
            {
                var x = Operand.Float(rng, shape, layout, Values);
                int c = shape[1], spatial = RefTensor.Count(shape[2..]);
                var w = i % 3 == 0 ? null : Operand.Float(rng, [c], Layouts.All[i % Layouts.All.Length], Samplers.Normal(1));
                var b = i++ % 2 == 0 ? null : Operand.Float(rng, [c], Layout.Stepped, Samplers.Normal(1));
                var (expected, magnitude) = RefNorm.Normalize(x.Values, c / groups * spatial, 1e-5, j => j / spatial % c, w?.Values, b?.Values);
                var result = F.group_norm(x.Tensor, groups, w?.Tensor, b?.Tensor);
                Close.Check("aten::group_norm", $"input: {x}, groups {groups}, weight: {Describe(w)}, bias: {Describe(b)}", expected, result, Tolerance.Accumulating, magnitude);
            }
        }
    }

    [Fact]
    public void BatchNormInferenceInEveryLayout()
    {
        var rng = new Random(73);
        int i = 0;
        foreach (var shape in new[] { new[] { 4, 3 }, [2, 5, 7], [1, 3, 4, 5], [0, 3, 2], [3, 1, 2, 2], [2, 16, 3, 3] })
        {
            foreach (var layout in Layouts.All)
            {
                int c = shape[1], spatial = RefTensor.Count(shape[2..]);
                var x = Operand.Float(rng, shape, layout, Values);
                var mean = Operand.Float(rng, [c], Layouts.All[(i + 1) % Layouts.All.Length], Samplers.Normal(1));
                var var = Operand.Float(rng, [c], Layouts.All[(i + 2) % Layouts.All.Length], Samplers.Uniform(0.1, 3));
                var w = i % 3 == 0 ? null : Operand.Float(rng, [c], Layout.Selected, Samplers.Normal(1));
                var b = i % 2 == 0 ? null : Operand.Float(rng, [c], Layout.Stepped, Samplers.Normal(1));
                double eps = i++ % 2 == 0 ? 1e-5 : 0.1;
                var expected = RefTensor.Zeros(shape);
                for (int j = 0; j < expected.Length; j++)
                {
                    int ch = j / spatial % c;
                    expected.Data[j] = ((x.Values.Data[j] - mean.Values.Data[ch]) / Math.Sqrt(var.Values.Data[ch] + eps) * (w?.Values.Data[ch] ?? 1)) + (b?.Values.Data[ch] ?? 0);
                }

                var result = F.batch_norm(x.Tensor, mean.Tensor, var.Tensor, w?.Tensor, b?.Tensor, false, 0.1, eps);
                Close.Check("aten::batch_norm", $"input: {x}, running_mean: {mean}, running_var: {var}, weight: {Describe(w)}, bias: {Describe(b)}, eps {eps}", expected, result);
            }
        }
    }

    [Fact]
    public void NormModulesInEvalModeMatchTheirFunctions()
    {
        // No manual_seed/randn here: other test classes seed and replay the global generator in parallel.
        var x = Operand.Float(new Random(75), [2, 6, 3, 3], Layout.Permuted, Samplers.Normal(1)).Tensor;
        var bn = nn.BatchNorm2d(6);
        bn.eval();
        var ln = nn.LayerNorm([3, 3]);
        var gn = nn.GroupNorm(3, 6);

        Assert.True(bn.forward(x).BitEquals(F.batch_norm(x, bn.running_mean, bn.running_var, bn.weight, bn.bias, false, 0.1, 1e-5)));
        Assert.True(ln.forward(x).BitEquals(F.layer_norm(x, [3, 3], ln.weight, ln.bias)));
        Assert.True(gn.forward(x).BitEquals(F.group_norm(x, 3, gn.weight, gn.bias)));
        Assert.Equal(DType.Float32, bn.forward(x).DType);
    }

    private static string Describe(Operand? o) => o?.ToString() ?? "None";
}
