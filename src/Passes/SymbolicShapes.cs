using TorchJit.Ir;

namespace TorchJit.Passes;

/// <summary>A dimension that is a fixed size or a multiple of the batch size N plus a constant.</summary>
/// <param name="PerBatch">The coefficient of N (0: a fixed size).</param>
/// <param name="Fixed">The constant part.</param>
public readonly record struct SymbolicDim(long PerBatch, long Fixed)
{
    /// <summary>The size at batch size <paramref name="n"/>.</summary>
    public long At(long n) => PerBatch * n + Fixed;

    /// <inheritdoc/>
    public override string ToString() => PerBatch == 0 ? Fixed.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : (PerBatch == 1 ? "N" : $"{PerBatch}*N") + (Fixed == 0 ? "" : $"+{Fixed}");
}

/// <summary>
/// Shapes with a symbolic batch dimension: the graph's tensor inputs have their first dimension free (N), the
/// rest as given. Rather than teaching every op's shape function symbols, shape inference runs at three batch
/// sizes and each output dimension is fitted as a*N + b; a dimension that is not linear in N (a reshape that
/// folds the batch into a fixed size, say) is reported unknown. Three points make the fit a check, not a guess.
/// </summary>
public static class SymbolicShapes
{
    private static readonly int[] Batches = [3, 5, 8];

    /// <summary>
    /// The symbolic shape of every tensor value whose shape inference knows at all three batch sizes.
    /// <paramref name="inputTypes"/> are complete types at some batch size; their first dimension is replaced.
    /// </summary>
    public static IReadOnlyDictionary<Value, SymbolicDim[]> Infer(Graph graph, IReadOnlyList<JitType> inputTypes)
    {
        var runs = Batches.Select(b => ShapeInference.Infer(graph, [.. inputTypes.Select(t => AtBatch(t, b))])).ToArray();
        var result = new Dictionary<Value, SymbolicDim[]>();
        foreach (var (value, type) in runs[0])
        {
            if (type is not TensorType { Sizes: { } s0 }) continue;
            var shapes = runs.Select(r => r.GetValueOrDefault(value) is TensorType { Sizes: { } s } ? s : null).ToArray();
            if (shapes.Any(s => s is null || s.Length != s0.Length)) continue;
            var dims = new SymbolicDim[s0.Length];
            bool linear = true;
            for (int d = 0; d < s0.Length && linear; d++)
            {
                long a = (shapes[1]![d] - shapes[0]![d]) / (Batches[1] - Batches[0]);
                long b = shapes[0]![d] - a * Batches[0];
                dims[d] = new SymbolicDim(a, b);
                for (int i = 0; i < Batches.Length; i++) linear &= dims[d].At(Batches[i]) == shapes[i]![d];
            }

            if (linear) result[value] = dims;
        }

        return result;
    }

    private static JitType AtBatch(JitType t, int batch) => t is TensorType { Sizes: { Length: > 0 } s } tt
        ? new TensorType(tt.DType, [batch, .. s[1..]], null, tt.RequiresGrad, tt.Device)
        : t;
}
