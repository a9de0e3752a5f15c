using TorchJit.Ir;
using TorchJit.Kernels;

namespace TorchJit.Passes;

/// <summary>
/// Folds an inference-mode batch norm into the convolution or linear layer before it, once freezing has made
/// the weights and statistics constants (PyTorch's <c>fold_conv_bn</c> in <c>optimize_for_inference</c>):
/// with s = gamma / sqrt(var + eps) per output channel, W' = W * s and b' = (b - mean) * s + beta. The
/// products are formed in double and rounded once, so the folded layer differs from the two-step one only by
/// float rounding (tests compare within assert_close's tolerance). Skipped, with the reason logged, when a
/// weight or statistic is not constant, the batch norm is in training mode, the layer's output has other
/// readers (other than shape queries such as the batch norm's own rank check), or (for linear) the output's features are not known to be dimension 1 of a 2-D tensor.
/// <code>
///   %c = aten::conv2d(%x, %W, %b, ...)
///   %y = aten::batch_norm(%c, %g, %beta, %mean, %var, False, ...)   →   %y = aten::conv2d(%x, %W', %b', ...)
/// </code>
/// </summary>
public sealed class FoldBatchNorm : IGraphPass
{
    /// <inheritdoc/>
    public string Name => "fold-batch-norm";

    /// <inheritdoc/>
    public bool Run(Graph graph, PassContext context) => RunBlock(graph, graph.Block, context);

    private bool RunBlock(Graph graph, Block block, PassContext context)
    {
        bool changed = false;
        foreach (var bn in block.Nodes)
        {
            foreach (var b in bn.Blocks) changed |= RunBlock(graph, b, context);
            if (bn.Kind != "aten::batch_norm") continue;
            var layer = bn.Inputs[0].Node;
            if (layer.Kind is not ("aten::conv2d" or "aten::conv1d" or "aten::linear")) continue;
            if (WhyNot(bn, layer) is { } reason)
            {
                context.Log?.Invoke($"{Name}: not folding into {layer.Kind}: {reason}");
                continue;
            }

            if (!context.AllowRewrite(Name)) break;
            Fold(graph, bn, layer);
            changed = true;
        }

        return changed;
    }

    private static string? WhyNot(Node bn, Node layer)
    {
        // Readers of the shape alone (the batch norm's rank check) still see the same shape after folding.
        if (layer.Output.DataReaders != 1) return "its output has other readers";
        if (bn.Inputs[5].ConstantValue is not false) return "the batch norm is not in inference mode (training is not a constant False)";
        if (bn.Inputs[7].ConstantValue is not double) return "eps is not a constant";
        if (bn.Inputs[3].ConstantValue is not Tensor || bn.Inputs[4].ConstantValue is not Tensor) return "the running statistics are not constants (freeze first)";
        for (int i = 1; i <= 2; i++)
            if (!bn.Inputs[i].IsConstant) return "the batch norm's weight or bias is not constant";
        if (layer.Inputs[1].ConstantValue is not Tensor { DType: DType.Float32 }) return "the layer's weight is not a float constant";
        if (!layer.Inputs[2].IsConstant) return "the layer's bias is not constant";
        if (layer.Kind == "aten::linear" && layer.Output.Type is not TensorType { Sizes.Length: 2 })
            return "the linear output is not known to be 2-D [batch, features]";
        return null;
    }

    private static void Fold(Graph graph, Node bn, Node layer)
    {
        var weight = (Tensor)layer.Inputs[1].ConstantValue!;
        int channels = weight.Shape[0];
        var mean = Doubles((Tensor)bn.Inputs[3].ConstantValue!);
        var variance = Doubles((Tensor)bn.Inputs[4].ConstantValue!);
        var gamma = bn.Inputs[1].ConstantValue is Tensor g ? Doubles(g) : null;
        var beta = bn.Inputs[2].ConstantValue is Tensor be ? Doubles(be) : null;
        var bias = layer.Inputs[2].ConstantValue is Tensor bi ? Doubles(bi) : null;
        double eps = (double)bn.Inputs[7].ConstantValue!;

        var w = weight.contiguous().Float32Span;
        int perChannel = (int)(weight.NumElements / Math.Max(1, channels));
        var newWeight = new float[weight.NumElements];
        var newBias = new float[channels];
        for (int c = 0; c < channels; c++)
        {
            double s = (gamma?[c] ?? 1.0) / Math.Sqrt(variance[c] + eps);
            for (int i = 0; i < perChannel; i++) newWeight[c * perChannel + i] = (float)(w[c * perChannel + i] * s);
            newBias[c] = (float)(((bias?[c] ?? 0.0) - mean[c]) * s + (beta?[c] ?? 0.0));
        }

        using (graph.InsertPointAt(layer))
        {
            var wValue = graph.InsertConstant(Tensor.FromArray(newWeight, weight.Shape.ToArray()));
            var bValue = graph.InsertConstant(Tensor.FromArray(newBias, channels));
            layer.ReplaceInput(1, wValue);
            layer.ReplaceInput(2, bValue);
        }

        string? name = bn.Output.DebugName;
        bn.Output.ReplaceAllUsesWith(layer.Output);
        bn.Destroy();
        if (name is not null) layer.Output.SetDebugName(name);
    }

    private static double[] Doubles(Tensor t)
    {
        var span = t.contiguous().Float32Span;
        var values = new double[span.Length];
        for (int i = 0; i < span.Length; i++) values[i] = span[i];
        return values;
    }

}
