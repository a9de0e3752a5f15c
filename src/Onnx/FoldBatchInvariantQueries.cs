using TorchJit.Ir;

namespace TorchJit.Onnx;

/// <summary>
/// Folds the shape queries (<c>aten::dim</c>, <c>aten::size</c>, <c>aten::numel</c>, <c>prim::dtype</c>) whose
/// answer does not depend on the batch size: each is run on stand-ins of its input for two input signatures
/// that differ only in the batch dimension, and becomes a constant when both answers agree. What depends on
/// the batch (the <c>n</c> of <c>reshape(x, [n, l, 4, 64])</c>) stays a query and is exported as
/// <c>Shape</c>/<c>Gather</c>, so the ONNX model keeps a symbolic batch dimension.
/// </summary>
internal static class FoldBatchInvariantQueries
{
    public static bool Run(Graph graph, IReadOnlyList<JitType> signature, IReadOnlyList<JitType> other)
    {
        var a = Passes.ShapeInference.Infer(graph, signature);
        var b = Passes.ShapeInference.Infer(graph, other);
        return FoldBlock(graph, graph.Block, a, b);
    }

    private static bool FoldBlock(Graph graph, Block block, IReadOnlyDictionary<Value, JitType> a, IReadOnlyDictionary<Value, JitType> b)
    {
        bool changed = false;
        foreach (var n in block.Nodes)
        {
            foreach (var sub in n.Blocks) changed |= FoldBlock(graph, sub, a, b);
            var op = n.Op ?? (OpRegistry.Overloads(n.Kind) is [var only] ? only : null);
            if (op is not { IsPure: true } || (op.Traits & OpTraits.MetadataOnly) == 0 || n.Outputs.Count != 1) continue;
            if (Answer(op, n, a) is not { } first || Answer(op, n, b) is not { } second || !Equal(first, second)) continue;
            using (graph.InsertPointAt(n))
            {
                var constant = graph.InsertConstant(first);
                n.Output.ReplaceAllUsesWith(constant);
            }

            n.Destroy();
            changed = true;
        }

        return changed;
    }

    // The op run on a one-element stand-in broadcast to the input's sizes: the real op, so negative dims wrap as at run time.
    private static object? Answer(OpDef op, Node n, IReadOnlyDictionary<Value, JitType> types)
    {
        var args = new IValue[n.Inputs.Count];
        for (int i = 0; i < args.Length; i++)
        {
            var v = n.Inputs[i];
            if (v.IsConstant && v.ConstantValue is null or long or double or bool or long[])
                args[i] = IValue.FromConstant(v.ConstantValue);
            else if (types.GetValueOrDefault(v) is TensorType { DType: { } dtype, Sizes: { } sizes })
                args[i] = IValue.From(AtenOps.expand(Tensor.Empty(dtype, []), [.. sizes.Select(s => (long)s)], @implicit: false));
            else
                return null;
        }

        IValue result;
        try
        {
            result = op.Invoke(args);
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or IndexOutOfRangeException)
        {
            return null; // a bad dim, or a None where a tensor goes (a branch that cannot run): left as it is
        }

        return result.Kind switch
        {
            IValueKind.Int => result.ToInt(),
            IValueKind.Bool => result.ToBool(),
            IValueKind.IntList => result.ToIntList(),
            _ => null,
        };
    }

    private static bool Equal(object x, object y) => x is long[] l && y is long[] m ? l.AsSpan().SequenceEqual(m) : x.Equals(y);
}
