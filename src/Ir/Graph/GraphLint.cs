using System.Diagnostics.CodeAnalysis;

namespace TorchJit.Ir;

/// <summary>
/// Checks a graph's invariants, as PyTorch's <c>Graph::lint</c> does: links and owners of every node, use lists
/// that match inputs both ways, values used only where they are in scope (defined earlier in the same block or
/// an enclosing one, so the order is topological), blocks with the arity their node needs, and op inputs whose
/// types the schema accepts. Passes run it after every rewrite in tests and debug builds, so a pass that
/// breaks the graph fails at the pass, not three passes later in codegen.
/// </summary>
public static class GraphLint
{
    /// <summary>Throws <see cref="InvalidOperationException"/> naming the node and the broken invariant.</summary>
    public static void Check(Graph graph)
    {
        var visible = new HashSet<Value>();
        CheckBlock(graph.Block, visible, null);
    }

    private static void CheckBlock(Block block, HashSet<Value> visible, Node? owner)
    {
        if (block.OwningNode != owner) Fail(owner, $"a block's owning node is {block.OwningNode?.Kind ?? "none"}");
        var defined = new List<Value>();
        Define(block.ParamNode, visible, defined);
        Node prev = block.ParamNode;
        for (Node? n = block.ParamNode.Next; ; n = n.Next)
        {
            if (n is null) Fail(prev, "the node list ends before the block's return node");
            if (n.Prev != prev) Fail(n, $"its Prev link is {n.Prev?.Kind ?? "null"}, expected {prev.Kind}");
            if (n.Owner != block) Fail(n, "its Owner is not the block it sits in");
            if (n.Graph != block.Graph) Fail(n, "it belongs to another graph");
            CheckInputs(n, visible);
            if (n == block.ReturnNode) break;
            CheckStructure(n);
            foreach (var b in n.Blocks) CheckBlock(b, visible, n);
            Define(n, visible, defined);
            prev = n;
        }

        foreach (var v in defined) visible.Remove(v);
    }

    private static void CheckInputs(Node n, HashSet<Value> visible)
    {
        for (int i = 0; i < n.Inputs.Count; i++)
        {
            var v = n.Inputs[i];
            if (!visible.Contains(v)) Fail(n, $"input {i} (%{v.Name}) is not defined before it in scope");
            int count = 0;
            foreach (var use in v.Uses)
                if (use.User == n && use.Offset == i) count++;
            if (count != 1) Fail(n, $"%{v.Name}'s use list records input {i} {count} times");
        }

        if (n.Op is not { } op || op.Schema.Arguments.Count == 0) return;
        var args = op.Schema.Arguments;
        if (n.Inputs.Count != args.Count) Fail(n, $"{op.QualifiedName} takes {args.Count} inputs, the node has {n.Inputs.Count}");
        for (int i = 0; i < args.Count; i++)
            // None may reach a Tensor argument on a path that is dead once constants fold: inlining a call with
            // None for an Optional parameter leaves `if x is not None: dim(x)` until propagate-constants runs.
            if (!args[i].Type.Accepts(n.Inputs[i].Type) && n.Inputs[i].Type is not NoneType)
                Fail(n, $"input {i} (%{n.Inputs[i].Name} : {n.Inputs[i].Type}) does not fit argument '{args[i].Name}' : {args[i].Type}");
    }

    private static void Define(Node n, HashSet<Value> visible, List<Value> defined)
    {
        for (int i = 0; i < n.Outputs.Count; i++)
        {
            var v = n.Outputs[i];
            if (v.Node != n || v.Offset != i) Fail(n, $"output {i} (%{v.Name}) points at {v.Node.Kind} offset {v.Offset}");
            foreach (var use in v.Uses)
            {
                if (use.User.Owner is null) Fail(n, $"%{v.Name} is used by a {use.User.Kind} that is not in the graph");
                if (use.Offset >= use.User.Inputs.Count || use.User.Inputs[use.Offset] != v)
                    Fail(n, $"%{v.Name}'s use ({use.User.Kind}, {use.Offset}) does not read it");
            }

            if (!visible.Add(v)) Fail(n, $"%{v.Name} is defined twice");
            defined.Add(v);
        }
    }

    // The block shapes the interpreter and codegen rely on.
    private static void CheckStructure(Node n)
    {
        if (n.Kind == NodeKinds.If)
        {
            if (n.Blocks.Count != 2 || n.Inputs.Count != 1) Fail(n, "prim::If needs one condition and two blocks");
            foreach (var b in n.Blocks)
                if (b.Outputs.Count != n.Outputs.Count) Fail(n, $"a block returns {b.Outputs.Count} values for {n.Outputs.Count} outputs");
        }
        else if (n.Kind == NodeKinds.Loop)
        {
            if (n.Blocks.Count != 1 || n.Inputs.Count < 2) Fail(n, "prim::Loop needs a trip count, a condition and one block");
            int carried = n.Inputs.Count - 2;
            var body = n.Blocks[0];
            if (n.Outputs.Count != carried || body.Inputs.Count != carried + 1 || body.Outputs.Count != carried + 1)
                Fail(n, $"{carried} carried values need {carried} outputs, {carried + 1} body inputs and outputs");
        }
    }

    [DoesNotReturn]
    private static void Fail(Node? n, string what) =>
        throw new InvalidOperationException($"graph lint: {(n is null ? "graph" : n.Kind)}: {what}" + (n is null ? "" : $"\n  at: {Describe(n)}"));

    private static string Describe(Node n)
    {
        try
        {
            return n.ToString().TrimEnd();
        }
        catch (Exception e) when (e is InvalidOperationException or NullReferenceException)
        {
            return n.Kind; // a broken node may not print
        }
    }
}
