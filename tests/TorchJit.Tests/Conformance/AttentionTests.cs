using TorchJit.Kernels;
using static TorchJit.torch;
using F = TorchJit.torch.nn.functional;

namespace TorchJit.Tests.Conformance;

/// <summary>
/// scaled_dot_product_attention without a mask, with bool and float masks (broadcast over batch and heads),
/// causal, with an explicit scale, q/k/v in every layout. A fully masked row gives zeros, as PyTorch's SDPA
/// has since 2.5 (its _safe_softmax). Tolerance: <see cref="Tolerance.Accumulating"/> against
/// Σⱼ pⱼ·|vⱼ| + max|v|·max Σ|q·k|·scale (a score's float32 rounding moves the output by up to max|v| times it).
/// </summary>
public sealed class AttentionTests
{
    public static TheoryData<string> Masks => ["none", "bool", "bool broadcast", "float", "float broadcast", "causal", "scale"];

    [Theory]
    [MemberData(nameof(Masks))]
    public void MatchesTheMathReferenceInEveryLayout(string mask)
    {
        var rng = Seeds.For(mask);
        int i = 0;
        foreach (var (b, h, l, s, e, ev) in new[] { (2, 3, 5, 7, 4, 6), (1, 1, 1, 1, 1, 1), (2, 2, 4, 4, 8, 8), (1, 4, 9, 3, 16, 5), (3, 1, 2, 6, 3, 2), (1, 2, 0, 3, 4, 4) })
        {
            foreach (var layout in Layouts.Distinct)
            {
                var q = Operand.Float(rng, [b, h, l, e], layout, Samplers.Normal(1));
                var k = Operand.Float(rng, [b, h, s, e], Layouts.Distinct[(i + 1) % Layouts.Distinct.Length], Samplers.Normal(1));
                var v = Operand.Float(rng, [b, h, s, ev], Layouts.All[(i + 2) % Layouts.All.Length], Samplers.Normal(1));
                i++;
                Operand? m = mask switch
                {
                    "bool" => Operand.Bool(rng, [b, h, l, s], Layout.Transposed, 0.7),
                    "bool broadcast" => Operand.Bool(rng, [l, s], Layout.Stepped, 0.7),
                    "float" => Operand.Float(rng, [b, h, l, s], Layout.Permuted, Samplers.WithSpecials(Samplers.Normal(1), 0.2, [float.NegativeInfinity])),
                    "float broadcast" => Operand.Float(rng, [b, 1, 1, s], Layout.Contiguous, Samplers.Normal(2)),
                    _ => null,
                };
                double? scale = mask == "scale" ? 0.3 : null;
                var result = F.scaled_dot_product_attention(q.Tensor, k.Tensor, v.Tensor, m?.Tensor, is_causal: mask == "causal", scale: scale);
                var (expected, magnitude) = Reference(q.Values, k.Values, v.Values, m, mask == "causal", scale ?? 1 / Math.Sqrt(e));
                Close.Check("aten::scaled_dot_product_attention", $"q: {q}, k: {k}, v: {v}, mask: {(object?)m ?? mask}", expected, result, Tolerance.Accumulating, magnitude);
            }
        }
    }

    [Fact]
    public void AFullyMaskedRowGivesZeros()
    {
        var rng = new Random(91);
        var q = Operand.Float(rng, [1, 2, 3, 4], Layout.Contiguous, Samplers.Normal(1));
        var k = Operand.Float(rng, [1, 2, 5, 4], Layout.Transposed, Samplers.Normal(1));
        var v = Operand.Float(rng, [1, 2, 5, 3], Layout.Stepped, Samplers.Normal(1));
        var keep = tensor([true, true, false, true, false, false, false, false, false, false, true, false, true, true, true], 3, 5);
        var additive = torch.where(keep, zeros(3, 5), full([3, 5], float.NegativeInfinity));

        foreach (var mask in new[] { keep, additive })
        {
            var result = F.scaled_dot_product_attention(q.Tensor, k.Tensor, v.Tensor, mask);
            var (expected, magnitude) = Reference(q.Values, k.Values, v.Values, Operand.FromValues(rng, mask.ToArray(), [3, 5], Layout.Contiguous), false, 0.5, maskIsBool: mask.DType == DType.Bool);
            Assert.All(Read.Values(result).Skip(3).Take(3), x => Assert.Equal(0.0, x));
            Close.Check("aten::scaled_dot_product_attention", $"mask {mask.Describe()} with row 1 fully masked", expected, result, Tolerance.Accumulating, magnitude);
        }
    }

    // softmax(q·kᵀ·scale + mask)·v over the last two dims, batch dims broadcast; rows whose scores are all -inf give 0.
    private static (RefTensor Value, RefTensor Magnitude) Reference(RefTensor q, RefTensor k, RefTensor v, Operand? mask, bool causal, double scale, bool? maskIsBool = null)
    {
        int b = q.Shape[0], h = q.Shape[1], l = q.Shape[2], e = q.Shape[3], s = k.Shape[2], ev = v.Shape[3];
        bool isBool = maskIsBool ?? mask?.Tensor.DType == DType.Bool;
        var value = RefTensor.Zeros(b, h, l, ev);
        var magnitude = RefTensor.Zeros(b, h, l, ev);
        for (int bi = 0; bi < b; bi++)
        {
            for (int hi = 0; hi < h; hi++)
            {
                double vmax = 0;
                for (int j = 0; j < s; j++)
                    for (int c = 0; c < ev; c++) vmax = Math.Max(vmax, Math.Abs(v[[bi, hi, j, c]]));
                for (int i = 0; i < l; i++)
                {
                    var scores = new double[s];
                    double scoreError = 0;
                    for (int j = 0; j < s; j++)
                    {
                        double dot = 0, abs = 0;
                        for (int c = 0; c < e; c++)
                        {
                            double t = q[[bi, hi, i, c]] * k[[bi, hi, j, c]];
                            dot += t;
                            abs += Math.Abs(t);
                        }

                        scores[j] = dot * scale;
                        scoreError = Math.Max(scoreError, abs * scale);
                        if (causal && j > i) scores[j] = double.NegativeInfinity;
                        if (mask is not null)
                        {
                            double mv = mask.Values.At([bi, hi, i, j]);
                            scores[j] = isBool ? (mv != 0 ? scores[j] : double.NegativeInfinity) : scores[j] + mv;
                        }
                    }

                    bool masked = scores.All(double.IsNegativeInfinity);
                    double max = scores.Max();
                    var p = scores.Select(x => Math.Exp(x - max)).ToArray();
                    double sum = p.Sum();
                    for (int c = 0; c < ev; c++)
                    {
                        double o = 0, abs = 0;
                        for (int j = 0; j < s && !masked; j++)
                        {
                            o += p[j] / sum * v[[bi, hi, j, c]];
                            abs += p[j] / sum * Math.Abs(v[[bi, hi, j, c]]);
                        }

                        value[[bi, hi, i, c]] = o;
                        magnitude[[bi, hi, i, c]] = abs + (vmax * scoreError);
                    }
                }
            }
        }

        return (value, magnitude);
    }
}
