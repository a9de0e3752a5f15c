using TorchJit.Ir;
using TorchJit.Kernels;

namespace TorchJit.Passes;

/// <summary>
/// Specializes a graph to one input signature (dtype and sizes), as PyTorch's profiling executor does per
/// signature it sees. The complete types <see cref="ShapeInference"/> finds are written onto the values they
/// refine; shape and dtype queries (the <see cref="OpTraits.MetadataOnly"/> ops: <c>aten::dim</c>,
/// <c>aten::size</c>, <c>aten::numel</c>, <c>prim::dtype</c>) of tensors whose type is now complete become
/// constants; and <see cref="PropagateConstants"/> and <see cref="EliminateDeadCode"/> fold what was computed
/// from them (rank guards and their raises, size lists) until nothing changes. The result is valid only for
/// inputs of that signature: the caller keys it by signature.
/// <code>
///   %x : Float(1, 64, 256, ...)
///   %d : int = aten::dim(%x)
///   %c : bool = aten::ne(%d, %three)
///    = prim::If(%c)                     →   (nothing: the guard cannot fire for this signature)
///     block0():
///        = prim::RaiseException(%msg)
/// </code>
/// </summary>
public sealed class SpecializeShapes : IGraphPass
{
    private const string PassName = "specialize-shapes";
    private readonly IReadOnlyList<JitType>? inputTypes;

    /// <summary>
    /// Specializes to the input types the graph declares (<c>%x : Float(2, 3, strides=[3, 1], ...)</c>): what
    /// <c># RUN: specialize-shapes</c> in an IR test means, since a pipeline line carries no arguments.
    /// </summary>
    public SpecializeShapes()
    {
    }

    /// <summary>
    /// Specializes to <paramref name="inputTypes"/>, one per graph input. Only tensor inputs take theirs: the
    /// <c>%self</c> module input (and any other non-tensor input) keeps its declared type.
    /// </summary>
    public SpecializeShapes(IReadOnlyList<JitType> inputTypes)
    {
        ArgumentNullException.ThrowIfNull(inputTypes);
        this.inputTypes = inputTypes;
    }

    /// <inheritdoc/>
    public string Name => PassName;

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">
    /// The input types do not match the graph's inputs in number, contradict a complete declared input type, or
    /// do not fit the model (from <see cref="ShapeInference"/>).
    /// </exception>
    public bool Run(Graph graph, PassContext context)
    {
        var signature = Signature(graph);
        var constants = new PropagateConstants();
        var deadCode = new EliminateDeadCode();
        bool changed = false;
        bool round;
        do
        {
            // One round can expose work for the next: a folded guard inlines a branch whose values shape inference
            // could not merge before (an If output is typed only when both branches agree), and PropagateConstants'
            // single sweep does not revisit the nodes it moves out of a folded If.
            round = WriteInferredTypes(graph, signature);
            round |= FoldQueries(graph, graph.Block, context);
            round |= constants.Run(graph, context);
            round |= deadCode.Run(graph, context);
            changed |= round;
        }
        while (round);

        return changed;
    }

    private IReadOnlyList<JitType> Signature(Graph graph)
    {
        var declared = graph.Inputs.Select(v => v.Type).ToArray();
        if (inputTypes is null) return declared;
        if (inputTypes.Count != declared.Length)
            throw new ArgumentException($"{PassName}: {inputTypes.Count} input types for a graph with {declared.Length} inputs");
        var signature = new JitType[declared.Length];
        for (int i = 0; i < declared.Length; i++)
        {
            if (declared[i] is not TensorType)
            {
                signature[i] = declared[i];
                continue;
            }

            // A graph already specialized to another signature cannot be specialized again: its folded constants hold the old sizes.
            if (declared[i] is TensorType { DType: { } dtype, Sizes: { } sizes }
                && !(inputTypes[i] is TensorType { DType: { } given, Sizes: { } givenSizes } && given == dtype && givenSizes.SequenceEqual(sizes)))
                throw new ArgumentException($"{PassName}: input %{graph.Inputs[i].Name} is declared {declared[i]} but was given {inputTypes[i]}");
            signature[i] = inputTypes[i];
        }

        return signature;
    }

    // Only a tensor type gains precision, and only from incomplete to complete: a declared complete type is
    // trusted as is. Strides are written only for graph inputs (given by the caller): shape inference assumes
    // contiguous results, which views and ops that return their input (dropout in eval) do not give.
    private static bool WriteInferredTypes(Graph graph, IReadOnlyList<JitType> signature)
    {
        bool changed = false;
        foreach (var (value, inferred) in ShapeInference.Infer(graph, signature))
        {
            if (value.Type is not TensorType || IsComplete(value.Type) || inferred is not TensorType t || !IsComplete(t)) continue;
            value.Type = value.Node == graph.Block.ParamNode ? t : new TensorType(t.DType, t.Sizes, null, t.RequiresGrad, t.Device);
            changed = true;
        }

        return changed;
    }

    private static bool IsComplete(JitType type) => type is TensorType { DType: not null, Sizes: not null };

    // A query is run as the op itself (never a copy of its semantics, so negative dims wrap and bad dims fail
    // exactly as at run time) on a stand-in of each complete tensor input: a metadata-only op reads nothing else.
    private static bool FoldQueries(Graph graph, Block block, PassContext context)
    {
        bool changed = false;
        foreach (var n in block.Nodes)
        {
            foreach (var b in n.Blocks) changed |= FoldQueries(graph, b, context);
            if (OpOf(n) is not { IsPure: true } op || (op.Traits & OpTraits.MetadataOnly) == 0 || n.Outputs.Count != 1) continue;
            if (Arguments(n) is not { } args) continue;
            if (!PropagateConstants.TryFold(PassName, op, args, context, out var constant)) continue;
            if (!context.AllowRewrite(PassName)) return changed;
            context.Log?.Invoke($"{PassName}: {n.Kind}(%{n.Inputs[0].Name}) is {(constant is long[] list ? $"[{string.Join(", ", list)}]" : constant)}");
            PropagateConstants.ReplaceByConstant(graph, n, constant);
            changed = true;
        }

        return changed;
    }

    // The IR parser leaves every prim:: node op-less (most are structure: If, Loop, Constant), so a prim::dtype read
    // from text arrives without the op that scripting gives it; a prim:: kind with one registered op is that op.
    private static OpDef? OpOf(Node n) => n.Op ?? (OpRegistry.Overloads(n.Kind) is [var only] ? only : null);

    // The op's arguments, or null when one is neither a constant nor a tensor of complete type.
    private static IValue[]? Arguments(Node n)
    {
        var args = new IValue[n.Inputs.Count];
        for (int i = 0; i < args.Length; i++)
        {
            var v = n.Inputs[i];
            if (v.IsConstant && v.ConstantValue is null or long or double or bool or string or Tensor or long[])
                args[i] = IValue.FromConstant(v.ConstantValue);
            else if (v.Type is TensorType { DType: { } dtype, Sizes: { } sizes })
                args[i] = IValue.From(StandIn(dtype, sizes));
            else
                return null;
        }

        return args;
    }

    // One element broadcast to the sizes (all strides 0): the dtype and shape of the real input at the cost of one element.
    private static Tensor StandIn(DType dtype, int[] sizes) =>
        AtenOps.expand(Tensor.Empty(dtype, []), [.. sizes.Select(s => (long)s)], @implicit: false);
}
