using TorchJit.Ir;

namespace TorchJit.Passes;

/// <summary>
/// Fuses a residual add into the layer norm that reads it (a transformer block's tail, ONNX Runtime's
/// SkipLayerNormalization): <c>torchjit::add_layer_norm</c> adds and normalizes a few rows at a time in
/// cache, so the sum never goes to memory. Only when the add's result has no other reader and alpha is the
/// constant 1. Bit-identical to the two ops.
/// <code>
///   %s = aten::add(%x, %r, %one)
///   %y = aten::layer_norm(%s, %shape, %w, %b, %eps, %cudnn)   →   %y = torchjit::add_layer_norm(%x, %r, %shape, %w, %b, %eps)
/// </code>
/// </summary>
public sealed class FuseAddLayerNorm : IGraphPass
{
    /// <inheritdoc/>
    public string Name => "fuse-add-layer-norm";

    /// <inheritdoc/>
    public bool Run(Graph graph, PassContext context) => RunBlock(graph, graph.Block, context);

    private bool RunBlock(Graph graph, Block block, PassContext context)
    {
        bool changed = false;
        foreach (var norm in block.Nodes)
        {
            foreach (var b in norm.Blocks) changed |= RunBlock(graph, b, context);
            if (norm.Kind != "aten::layer_norm") continue;
            var add = norm.Inputs[0].Node;
            if (add.Op?.QualifiedName != "aten::add.Tensor") continue;
            if (add.Output.Uses.Count != 1 || !IsConstantOne(add.Inputs[2]))
            {
                context.Log?.Invoke($"{Name}: not fusing: the add's result has other readers or alpha is not the constant 1");
                continue;
            }

            if (!context.AllowRewrite(Name)) break;
            FusedNodes.Replace(graph, "torchjit::add_layer_norm",
                [add.Inputs[0], add.Inputs[1], norm.Inputs[1], norm.Inputs[2], norm.Inputs[3], norm.Inputs[4]], norm, norm.Output, norm.Source);
            norm.Destroy();
            add.Destroy();
            changed = true;
        }

        return changed;
    }

    private static bool IsConstantOne(Value v) => v.ConstantValue is 1L;
}
