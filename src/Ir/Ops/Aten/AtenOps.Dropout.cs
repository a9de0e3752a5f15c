using TorchJit.Kernels;

namespace TorchJit.Ir;

/// <summary>Dropout: the identity unless training; in training, zeroes with probability p and scales the rest by 1/(1-p).</summary>
public static partial class AtenOps
{
    /// <summary>Inverted dropout (random, so never folded at compile time).</summary>
    [Schema("aten::dropout(Tensor input, float p, bool train) -> Tensor", OpTraits.Pure | OpTraits.Nondeterministic)]
    public static Tensor dropout(Tensor input, double p, bool train)
    {
        if (p < 0 || p > 1) throw new ArgumentException($"aten::dropout: dropout probability has to be between 0 and 1, but got {p}");
        if (!train || p == 0) return input;
        var x = Operands.AsFloat("aten::dropout", input);
        var result = Tensor.Empty(DType.Float32, input.Shape);
        var y = result.Float32Span;
        if (p == 1)
        {
            y.Clear();
            return result;
        }

        var keep = new bool[x.Length];
        Generator.Default.FillBernoulli(keep, 1 - p);
        float scale = (float)(1 / (1 - p));
        for (int i = 0; i < x.Length; i++) y[i] = keep[i] ? x[i] * scale : 0f;
        return result;
    }

    internal static JitType dropout_type(IReadOnlyList<JitType> inputs, IReadOnlyList<IValue?> constants) => OutputTypes.Elementwise("aten::dropout", inputs.Take(1).ToArray());
}
