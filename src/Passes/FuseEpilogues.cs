using TorchJit.Ir;

namespace TorchJit.Passes;

/// <summary>
/// Fuses a ReLU into the linear or convolution that feeds it, when the ReLU is that output's only reader
/// (and gelu, silu, sigmoid or tanh after a linear into <c>torchjit::linear_activation</c>, applied in place):
/// the GEMM applies bias and ReLU while the output tile is still in registers (ONNX Runtime's FusedGemm and
/// FusedConv, oneDNN's post-ops), saving a pass over the activation and its allocation. Bit-identical, as
/// ReLU is exact. Run it after <see cref="FoldBatchNorm"/>, which clears the way between a conv and its ReLU.
/// <code>
///   %h = aten::linear(%x, %w, %b)
///   %y = aten::relu(%h)              →   %y = torchjit::linear_relu(%x, %w, %b)
/// </code>
/// </summary>
public sealed class FuseEpilogues : IGraphPass
{
    private static readonly Dictionary<string, string> Fused = new(StringComparer.Ordinal)
    {
        ["aten::linear"] = "torchjit::linear_relu",
        ["aten::conv2d"] = "torchjit::conv2d_relu",
    };

    /// <inheritdoc/>
    public string Name => "fuse-epilogues";

    /// <inheritdoc/>
    public bool Run(Graph graph, PassContext context) => RunBlock(graph, graph.Block, context);

    // The activations torchjit::linear_activation applies after the GEMM (ReLU goes into the GEMM itself).
    private static string? SmoothActivation(Node n) => n.Kind switch
    {
        "aten::gelu" => n.Inputs[1].ConstantValue switch
        {
            "none" => "gelu",
            "tanh" => "gelu_tanh",
            _ => null,
        },
        "aten::silu" => "silu",
        "aten::sigmoid" => "sigmoid",
        "aten::tanh" => "tanh",
        _ => null,
    };

    private bool RunBlock(Graph graph, Block block, PassContext context)
    {
        bool changed = false;
        foreach (var consumer in block.Nodes)
        {
            foreach (var b in consumer.Blocks) changed |= RunBlock(graph, b, context);
            var producer = consumer.Inputs.Count > 0 ? consumer.Inputs[0].Node : null;
            if (producer is null) continue;
            string? activation = producer.Kind == "aten::linear" ? SmoothActivation(consumer) : null;
            if (consumer.Kind != "aten::relu" && activation is null) continue;
            string? fusedKind = activation is not null ? "torchjit::linear_activation" : Fused.GetValueOrDefault(producer.Kind);
            if (fusedKind is null) continue;
            // Shape queries (a batch norm's rank check left after folding) may read it too: they get the fused
            // output, which has the same shape.
            int readers = producer.Output.DataReaders;
            if (readers != 1)
            {
                context.Log?.Invoke($"{Name}: not fusing {producer.Kind}: its output has {readers} readers");
                continue;
            }

            if (!context.AllowRewrite(Name)) break;
            var inputs = producer.Inputs.ToList();
            if (activation is not null)
            {
                using (graph.InsertPointAt(producer)) inputs.Add(graph.InsertConstant(activation));
            }

            // Where the producer was: before any shape query of its output, which then reads the fused output.
            var fused = FusedNodes.Replace(graph, fusedKind, inputs, producer, consumer.Output, producer.Source);
            consumer.Destroy();
            producer.Output.ReplaceAllUsesWith(fused.Output);
            producer.Destroy();
            changed = true;
        }

        return changed;
    }
}
