namespace TorchJit.Ir;

/// <summary>
/// An operation in a block: a kind (<c>aten::add</c>, <c>prim::If</c>), the registry entry for ops,
/// inputs, outputs, sub-blocks and attributes. Nodes of a block form a doubly linked list between the
/// block's <c>prim::Param</c> and <c>prim::Return</c> nodes.
/// </summary>
public sealed class Node
{
    private readonly List<Value> inputs = [];
    private readonly List<Value> outputs = [];
    private readonly List<Block> blocks = [];
    private readonly List<KeyValuePair<string, object>> attributes = [];

    internal Node(Graph graph, string kind, OpDef? op)
    {
        Graph = graph;
        Kind = kind;
        Op = op;
    }

    /// <summary>The graph that owns this node.</summary>
    public Graph Graph { get; }

    /// <summary>The kind, e.g. <c>aten::add</c>.</summary>
    public string Kind { get; }

    /// <summary>The registry entry (schema, kernel) for op nodes; null for <c>prim::</c> structure nodes.</summary>
    public OpDef? Op { get; }

    /// <summary>The block this node sits in (null while detached).</summary>
    public Block? Owner { get; internal set; }

    /// <summary>The next node in the block (the block's return node ends the list).</summary>
    public Node? Next { get; internal set; }

    /// <summary>The previous node in the block (the block's param node starts the list).</summary>
    public Node? Prev { get; internal set; }

    /// <summary>The source location of the user code that produced this node, if known.</summary>
    public SourceLocation? Source { get; set; }

    /// <summary>The inputs.</summary>
    public IReadOnlyList<Value> Inputs => inputs;

    /// <summary>The outputs.</summary>
    public IReadOnlyList<Value> Outputs => outputs;

    /// <summary>The sub-blocks (<c>prim::If</c> has two, <c>prim::Loop</c> one).</summary>
    public IReadOnlyList<Block> Blocks => blocks;

    /// <summary>The attributes, in insertion order.</summary>
    public IReadOnlyList<KeyValuePair<string, object>> Attributes => attributes;

    /// <summary>The single output; throws when there is not exactly one.</summary>
    public Value Output => outputs.Count == 1 ? outputs[0] : throw new InvalidOperationException($"{Kind} has {outputs.Count} outputs");

    /// <summary>Appends an input and records the use.</summary>
    public Node AddInput(Value v)
    {
        v.AddUse(new Use(this, inputs.Count));
        inputs.Add(v);
        return this;
    }

    /// <summary>Replaces input <paramref name="i"/>, keeping use lists right.</summary>
    public void ReplaceInput(int i, Value v)
    {
        inputs[i].RemoveUse(this, i);
        inputs[i] = v;
        v.AddUse(new Use(this, i));
    }

    /// <summary>Removes input <paramref name="i"/> and shifts the uses of later inputs down.</summary>
    public void RemoveInput(int i)
    {
        inputs[i].RemoveUse(this, i);
        inputs.RemoveAt(i);
        for (int j = i; j < inputs.Count; j++) inputs[j].ShiftUse(this, j + 1, j);
    }

    /// <summary>Removes every input.</summary>
    public void RemoveAllInputs()
    {
        for (int i = inputs.Count - 1; i >= 0; i--) RemoveInput(i);
    }

    /// <summary>Adds an output of the given type.</summary>
    public Value AddOutput(JitType type)
    {
        var v = new Value(this, outputs.Count, Graph.NextUnique(), type);
        outputs.Add(v);
        return v;
    }

    /// <summary>Removes output <paramref name="i"/>, which must have no uses.</summary>
    public void RemoveOutput(int i)
    {
        if (outputs[i].Uses.Count > 0) throw new InvalidOperationException($"cannot remove output %{outputs[i].Name} of {Kind}: it still has uses");
        Graph.Names.Release(outputs[i]);
        outputs.RemoveAt(i);
        for (int j = i; j < outputs.Count; j++) outputs[j].Offset = j;
    }

    /// <summary>Adds a sub-block.</summary>
    public Block AddBlock()
    {
        var b = new Block(Graph, this);
        blocks.Add(b);
        return b;
    }

    /// <summary>Sets (or replaces) an attribute.</summary>
    public Node SetAttribute(string name, object value)
    {
        int i = attributes.FindIndex(a => a.Key == name);
        if (i >= 0) attributes[i] = new(name, value);
        else attributes.Add(new(name, value));
        return this;
    }

    /// <summary>The attribute called <paramref name="name"/>, or null.</summary>
    public object? Attribute(string name)
    {
        foreach (var a in attributes)
            if (a.Key == name) return a.Value;
        return null;
    }

    /// <summary>The string attribute <paramref name="name"/> (e.g. the <c>name</c> of GetAttr).</summary>
    public string StringAttribute(string name) => Attribute(name) as string ?? throw new InvalidOperationException($"{Kind} has no string attribute '{name}'");

    /// <summary>Inserts this detached node before <paramref name="n"/>.</summary>
    public Node InsertBefore(Node n)
    {
        if (Owner is not null) throw new InvalidOperationException($"{Kind} is already in a block");
        var prev = n.Prev ?? throw new InvalidOperationException("cannot insert before a block's param node");
        prev.Next = this;
        Prev = prev;
        Next = n;
        n.Prev = this;
        Owner = n.Owner;
        return this;
    }

    /// <summary>Inserts this detached node after <paramref name="n"/>.</summary>
    public Node InsertAfter(Node n) => InsertBefore(n.Next ?? throw new InvalidOperationException("cannot insert after a block's return node"));

    /// <summary>Unlinks this node from its block, keeping its inputs and outputs.</summary>
    public void Detach()
    {
        if (Prev is null || Next is null) throw new InvalidOperationException($"{Kind} is not in a block");
        Prev.Next = Next;
        Next.Prev = Prev;
        Prev = Next = null;
        Owner = null;
    }

    /// <summary>Moves this node (already in a block) to just before <paramref name="n"/>.</summary>
    public void MoveBefore(Node n)
    {
        Detach();
        InsertBefore(n);
    }

    /// <summary>Removes this node: drops its input uses and sub-blocks; its outputs must be unused.</summary>
    public void Destroy()
    {
        foreach (var o in outputs)
            if (o.Uses.Count > 0) throw new InvalidOperationException($"cannot destroy {Kind}: output %{o.Name} still has uses");
        for (int b = blocks.Count - 1; b >= 0; b--) blocks[b].Destroy();
        blocks.Clear();
        RemoveAllInputs();
        foreach (var o in outputs) Graph.Names.Release(o);
        if (Owner is not null) Detach();
    }

    /// <summary>True when <paramref name="ancestor"/> is this node's block or encloses it.</summary>
    public bool IsInside(Block ancestor)
    {
        for (Block? b = Owner; b is not null; b = b.OwningNode?.Owner)
            if (b == ancestor) return true;
        return false;
    }

    /// <inheritdoc/>
    public override string ToString() => GraphPrinter.PrintNode(this);
}
