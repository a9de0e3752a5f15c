using TorchJit.Ir;

namespace TorchJit.Passes;

/// <summary>
/// Takes tuples apart where they only carry values from one place to another, as TorchScript's
/// LowerAllTuples does, so codegen sees plain values: <c>TupleUnpack(TupleConstruct(a, b))</c> is (a, b), and a
/// <c>prim::If</c> that returns a tuple returns its elements instead (each branch unpacks what it returned;
/// readers that need the tuple get one rebuilt after the If). Tuples carried through loops, and graph outputs
/// that are tuples, stay.
/// <code>
///   %t : (Tensor, Tensor) = prim::If(%c)            %a : Tensor, %b : Tensor = prim::If(%c)
///     block0(): -> (prim::TupleConstruct(%x, %y)) →   block0(): -> (%x, %y)
///   %a, %b = prim::TupleUnpack(%t)
/// </code>
/// </summary>
public sealed class LowerTuples : IGraphPass
{
    /// <inheritdoc/>
    public string Name => "lower-tuples";

    /// <inheritdoc/>
    public bool Run(Graph graph, PassContext context)
    {
        bool changed = false;
        while (RunBlock(graph, graph.Block, context)) changed = true;
        return changed;
    }

    // One rewrite at most, then true (Run loops until a walk finds nothing).
    private bool RunBlock(Graph graph, Block block, PassContext context)
    {
        foreach (var n in block.Nodes)
        {
            foreach (var b in n.Blocks)
                if (RunBlock(graph, b, context)) return true;
            if (n.Kind == NodeKinds.TupleUnpack && n.Inputs[0].Node.Kind == NodeKinds.TupleConstruct && context.AllowRewrite(Name))
            {
                var construct = n.Inputs[0].Node;
                for (int i = 0; i < n.Outputs.Count; i++) n.Outputs[i].ReplaceAllUsesWith(construct.Inputs[i]);
                n.Destroy();
                if (construct.Output.Uses.Count == 0) construct.Destroy();
                return true; // the walk restarts: a rewrite may remove nodes the iterator holds
            }
            else if (n.Kind == NodeKinds.If && IndexOfTupleOutput(n) is int index && context.AllowRewrite(Name))
            {
                SplitIfOutput(graph, n, index);
                return true;
            }
        }

        return false;
    }

    private static int? IndexOfTupleOutput(Node n)
    {
        for (int i = 0; i < n.Outputs.Count; i++)
            if (n.Outputs[i].Type is TupleType) return i;
        return null;
    }

    // Output `index` (a tuple of k elements) becomes k outputs appended to the If.
    private static void SplitIfOutput(Graph graph, Node ifNode, int index)
    {
        var tuple = ifNode.Outputs[index];
        var elementTypes = ((TupleType)tuple.Type).Elements;
        foreach (var block in ifNode.Blocks)
        {
            var returned = block.Outputs[index];
            IReadOnlyList<Value> elements;
            if (returned.Node.Kind == NodeKinds.TupleConstruct && returned.Node.Owner == block)
            {
                elements = returned.Node.Inputs;
            }
            else
            {
                using (graph.InsertPointAtEnd(block))
                {
                    var unpack = graph.Create(NodeKinds.TupleUnpack);
                    unpack.AddInput(returned);
                    foreach (var t in elementTypes) unpack.AddOutput(t);
                    graph.Insert(unpack);
                    elements = unpack.Outputs;
                }
            }

            foreach (var e in elements) block.AddOutput(e);
        }

        var parts = elementTypes.Select(t => ifNode.AddOutput(t)).ToArray();
        foreach (var use in tuple.Uses.ToArray())
        {
            if (use.User.Kind == NodeKinds.TupleUnpack)
            {
                for (int i = 0; i < parts.Length; i++) use.User.Outputs[i].ReplaceAllUsesWith(parts[i]);
                use.User.Destroy();
            }
        }

        if (tuple.Uses.Count > 0)
        {
            // Other readers (a return, a call) get the tuple rebuilt from the parts.
            var rebuilt = graph.Create(NodeKinds.TupleConstruct);
            foreach (var p in parts) rebuilt.AddInput(p);
            rebuilt.AddOutput(tuple.Type);
            rebuilt.InsertAfter(ifNode);
            tuple.ReplaceAllUsesWith(rebuilt.Output);
        }

        // Dead TupleConstructs left in the branches are dead-code elimination's.
        foreach (var block in ifNode.Blocks) block.ReturnNode.RemoveInput(index);
        ifNode.RemoveOutput(index);
    }
}
