namespace TorchJit.Ir;

/// <summary>
/// Which nodes print inline. Note [Inline scan]: reading the code back emits an expression tree's nodes
/// in a left-to-right post-order, so a right-to-left pre-order walk of a node's inputs, while stepping
/// backwards through the block, meets them in reverse. An input is inlined only if its node is exactly
/// the previous non-constant node (the "block point"), so the printed expression evaluates in the graph's
/// order. Constants always inline.
/// </summary>
public sealed partial class CodePrinter
{
    private void ScanBlock(Block b)
    {
        ScanNode(b.ReturnNode);
        foreach (var n in b.NodesReversed) ScanNode(n);
    }

    private Node ScanNode(Node n)
    {
        if (inlined.Contains(n)) return n;
        foreach (var b in n.Blocks) ScanBlock(b);
        Node blockPoint = PreviousNonConstant(n);
        for (int i = n.Inputs.Count - 1; i >= 0; i--) blockPoint = ScanValue(blockPoint, n.Inputs[i]);
        return blockPoint;
    }

    private Node ScanValue(Node blockPoint, Value v)
    {
        Node n = v.Node;
        if (n == blockPoint && CanInline(v))
        {
            blockPoint = ScanNode(blockPoint);
            inlined.Add(n);
        }
        else if (n.Kind == NodeKinds.Constant)
        {
            inlined.Add(n);
        }

        return blockPoint;
    }

    private static Node PreviousNonConstant(Node n)
    {
        do n = n.Prev!;
        while (n.Kind == NodeKinds.Constant);
        return n;
    }

    private static bool CanInline(Value v)
    {
        Node n = v.Node;
        if (n.Kind == NodeKinds.Param || n.Outputs.Count != 1 || v.Uses.Count != 1 || n.Blocks.Count > 0) return false;
        var use = v.Uses[0];
        // A named value was a variable in the source: keep it, unless it only feeds the end of a block.
        if (v.DebugName is not null && use.User.Kind != NodeKinds.Return) return false;
        // Loop-carried inputs need a variable, or the condition or trip count may print in the wrong order.
        return !(use.User.Kind == NodeKinds.Loop && use.Offset >= 2);
    }
}
