using TorchJit.Ir;
using TorchJit.Passes;

namespace TorchJit.Onnx;

/// <summary>
/// Brings a module's <c>forward</c> to a graph every node of which has an ONNX mapping: flat (inlined),
/// frozen (weights become constants, hence initializers), folded — and never fused: the fusion passes make
/// TorchJit-only nodes (<c>torchjit::linear_relu</c>, <c>prim::FusionGroup</c>) that ONNX Runtime would
/// fuse its own way anyway.
/// </summary>
internal static class ExportGraph
{
    // The O2 pipeline without the loop unroller (an exported Loop stays a Loop) and without the fusers.
    private static PassManager Pipeline() => new(
    [
        new Inline(),                        // one flat graph
        new Freeze(),                        // parameters and buffers become constants (initializers)
        new LowerTuples(),                   // tuples between ops become separate values
        new EliminateDeadCode(),             // module reads inlining left behind
        new PropagateConstants(),            // branches on attributes (training, batch_first) fold away
        new Peephole(),                      // dropout in eval, x * 1
        new FoldBatchNorm(),                 // inference batch norms into the conv weights before them
        new PoolConstants(),                 // one node per constant, so CSE sees equal inputs as equal
        new EliminateCommonSubexpressions(), // e.g. the three slices of an in_proj_weight computed once
        new EliminateDeadCode(),
    ]);

    /// <summary>
    /// A prepared copy of <paramref name="module"/>'s forward graph and the types of its values for
    /// <paramref name="example"/> (ranks and dtypes; sizes only where they hold for every batch size when
    /// <paramref name="dynamicBatch"/>).
    /// </summary>
    public static (Graph Graph, IReadOnlyDictionary<Value, JitType> Types) Prepare(ScriptModule module, Tensor example, bool dynamicBatch)
    {
        var graph = GraphCopy.Clone(module.ForwardGraph);
        var context = new PassContext { Self = module.Object };
        Pipeline().Run(graph, context);
        var signature = Signature(graph, example, batch: null);
        for (int round = 0; round < 8 && FoldNoneChecks.Run(graph); round++)
        {
            new PropagateConstants().Run(graph, context);
            new EliminateDeadCode().Run(graph, context);
        }

        if (!dynamicBatch)
        {
            // A static export is one input signature: exactly what the compiler specializes to.
            new SpecializeShapes(signature).Run(graph, context);
        }
        else
        {
            var other = Signature(graph, example, batch: example.Shape[0] + 1);
            for (int round = 0; round < 8 && FoldBatchInvariantQueries.Run(graph, signature, other); round++)
            {
                new PropagateConstants().Run(graph, context);
                new Peephole().Run(graph, context);
                new EliminateDeadCode().Run(graph, context);
            }
        }

        if (DropGuards(graph.Block)) new EliminateDeadCode().Run(graph, context);
        return (graph, ShapeInference.Infer(graph, signature));
    }

    // The graph's inputs: the module object keeps its type, the tensor takes the example's (with another batch size).
    private static JitType[] Signature(Graph graph, Tensor example, int? batch)
    {
        var sizes = example.Shape.ToArray();
        if (batch is { } b) sizes[0] = b;
        var tensor = new TensorType(example.DType, sizes, Tensor.ContiguousStrides(sizes), false, "cpu");
        var types = new JitType[graph.Inputs.Count];
        int tensors = 0;
        for (int i = 0; i < types.Length; i++)
        {
            if (graph.Inputs[i].Type is TensorType)
            {
                types[i] = tensor;
                tensors++;
            }
            else
            {
                types[i] = graph.Inputs[i].Type;
            }
        }

        if (tensors != 1) throw new OnnxExportException("forward", $"the exporter takes one tensor input, the graph has {tensors}");
        return types;
    }

    // ONNX has no exceptions. A branch whose only effect is to raise (an argument check, `if (x.dim() != 4)
    // throw`) has no outputs and nothing reads it: it is dropped, so valid inputs compute the same, and ONNX
    // Runtime checks shapes itself. A raise anywhere else stays and fails the export with its name.
    private static bool DropGuards(Block block)
    {
        bool changed = false;
        foreach (var n in block.Nodes)
        {
            foreach (var b in n.Blocks) changed |= DropGuards(b);
            if (n.Kind == NodeKinds.If && n.Outputs.Count == 0 && n.Blocks.Any(Raises))
            {
                n.Destroy();
                changed = true;
            }
        }

        return changed;
    }

    private static bool Raises(Block b) => b.Nodes.Any(n => n.Kind == NodeKinds.RaiseException || n.Blocks.Any(Raises));

    /// <summary>The ONNX element type of a dtype the IR knows.</summary>
    public static ElemType? DTypeOf(JitType? type) => type is TensorType { DType: { } d } ? ElemTypes.Of(d) : null;

    /// <summary>The rank, when the type knows the sizes.</summary>
    public static int? RankOf(JitType? type) => type is TensorType { Sizes: { } s } ? s.Length : null;
}
