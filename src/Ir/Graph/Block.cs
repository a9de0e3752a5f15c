namespace TorchJit.Ir;

/// <summary>
/// A list of nodes with inputs (outputs of its <c>prim::Param</c> node) and outputs (inputs of its
/// <c>prim::Return</c> node). The graph's top block is the function body; <c>prim::If</c> and
/// <c>prim::Loop</c> own sub-blocks whose inputs act as phis.
/// </summary>
public sealed class Block
{
    internal Block(Graph graph, Node? owningNode)
    {
        Graph = graph;
        OwningNode = owningNode;
        ParamNode = new Node(graph, NodeKinds.Param, null) { Owner = this };
        ReturnNode = new Node(graph, NodeKinds.Return, null) { Owner = this };
        ParamNode.Next = ReturnNode;
        ReturnNode.Prev = ParamNode;
    }

    /// <summary>The graph.</summary>
    public Graph Graph { get; }

    /// <summary>The node owning this block (null for the top block).</summary>
    public Node? OwningNode { get; }

    /// <summary>Defines the block inputs.</summary>
    public Node ParamNode { get; }

    /// <summary>Reads the block outputs.</summary>
    public Node ReturnNode { get; }

    /// <summary>The block inputs.</summary>
    public IReadOnlyList<Value> Inputs => ParamNode.Outputs;

    /// <summary>The block outputs.</summary>
    public IReadOnlyList<Value> Outputs => ReturnNode.Inputs;

    /// <summary>The nodes in order (not including param and return nodes). Safe against removal of the current node.</summary>
    public IEnumerable<Node> Nodes
    {
        get
        {
            for (Node n = ParamNode.Next!; n != ReturnNode;)
            {
                Node next = n.Next!;
                yield return n;
                n = next;
            }
        }
    }

    /// <summary>The nodes in reverse order. Safe against removal of the current node.</summary>
    public IEnumerable<Node> NodesReversed
    {
        get
        {
            for (Node n = ReturnNode.Prev!; n != ParamNode;)
            {
                Node prev = n.Prev!;
                yield return n;
                n = prev;
            }
        }
    }

    /// <summary>Adds a block input.</summary>
    public Value AddInput(JitType type, string? name = null)
    {
        var v = ParamNode.AddOutput(type);
        if (name is not null) v.SetDebugName(name);
        return v;
    }

    /// <summary>Adds a block output.</summary>
    public void AddOutput(Value v) => ReturnNode.AddInput(v);

    /// <summary>Appends a detached node at the end of the block.</summary>
    public Node Append(Node n) => n.InsertBefore(ReturnNode);

    internal void Destroy()
    {
        // Later nodes are destroyed first, so every use inside the block is gone before its definition.
        ReturnNode.RemoveAllInputs();
        foreach (var n in NodesReversed) n.Destroy();
    }
}
