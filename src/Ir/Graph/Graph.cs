namespace TorchJit.Ir;

/// <summary>
/// A TorchScript graph: owns every node, value and block. <see cref="Block"/> is the function body;
/// its inputs are the method's parameters (<c>%self</c> first for methods) and its outputs the results.
/// </summary>
public sealed class Graph
{
    private int nextUnique;
    private Node insertPoint;

    /// <summary>An empty graph whose insert point is the end of the top block.</summary>
    public Graph()
    {
        Block = new Block(this, null);
        insertPoint = Block.ReturnNode;
    }

    /// <summary>The top block.</summary>
    public Block Block { get; }

    /// <summary>The graph inputs.</summary>
    public IReadOnlyList<Value> Inputs => Block.Inputs;

    /// <summary>The graph outputs.</summary>
    public IReadOnlyList<Value> Outputs => Block.Outputs;

    internal ValueNames Names { get; } = new();

    internal int NextUnique() => nextUnique++;

    // The parser keeps printed numbers (%8 stays %8); later values number on from the largest seen.
    internal void ReserveUnique(int unique) => nextUnique = Math.Max(nextUnique, unique + 1);

    /// <summary>Adds a graph input.</summary>
    public Value AddInput(JitType type, string? name = null) => Block.AddInput(type, name);

    /// <summary>Adds a graph output.</summary>
    public void AddOutput(Value v) => Block.AddOutput(v);

    /// <summary>Creates a detached node.</summary>
    public Node Create(string kind, OpDef? op = null) => new(this, kind, op);

    /// <summary>Creates a node for <paramref name="op"/> with its inputs and one output per schema return.</summary>
    public Node CreateOp(OpDef op, IReadOnlyList<Value> inputs, IReadOnlyList<JitType>? outputTypes = null)
    {
        var n = Create(op.Schema.Kind, op);
        foreach (var v in inputs) n.AddInput(v);
        var returns = op.Schema.Returns;
        for (int i = 0; i < returns.Count; i++) n.AddOutput(outputTypes is { } t && i < t.Count ? t[i] : returns[i].Type);
        return n;
    }

    /// <summary>The node before which <see cref="Insert"/> places new nodes.</summary>
    public Node InsertPoint => insertPoint;

    /// <summary>Places <paramref name="n"/> at the insert point.</summary>
    public Node Insert(Node n) => n.InsertBefore(insertPoint);

    /// <summary>Moves the insert point to just before <paramref name="n"/> until the returned scope ends.</summary>
    public InsertPointScope InsertPointAt(Node n)
    {
        var scope = new InsertPointScope(this, insertPoint);
        insertPoint = n;
        return scope;
    }

    /// <summary>Moves the insert point to the end of <paramref name="b"/> until the returned scope ends.</summary>
    public InsertPointScope InsertPointAtEnd(Block b) => InsertPointAt(b.ReturnNode);

    /// <summary>Inserts a <c>prim::Constant</c> for an int, float, bool, string, tensor or null (None).</summary>
    public Value InsertConstant(object? value)
    {
        var n = Create(NodeKinds.Constant);
        JitType type;
        switch (value)
        {
            case null: type = NoneType.Instance; break;
            case long or int: value = Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture); type = IntType.Instance; break;
            case double or float: value = Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture); type = FloatType.Instance; break;
            case bool: type = BoolType.Instance; break;
            case string: type = StringType.Instance; break;
            case long[]: type = new ListType(IntType.Instance); break;
            case Tensor t: type = TensorType.Of(t); break;
            case Scalar s:
                return InsertConstant(s.Kind switch { ScalarKind.Float => s.ToDouble(), ScalarKind.Bool => s.ToInt64() != 0, _ => (object)s.ToInt64() });
            default: throw new NotSupportedException($"prim::Constant of {value.GetType().Name} is not supported");
        }

        if (value is not null) n.SetAttribute("value", value);
        n.AddOutput(type);
        Insert(n);
        return n.Output;
    }

    /// <summary>Prints the graph as TorchScript's <c>str(graph)</c> does.</summary>
    public override string ToString() => GraphPrinter.Print(this);

    /// <summary>Restores the previous insert point when disposed.</summary>
    public readonly struct InsertPointScope : IDisposable
    {
        private readonly Graph graph;
        private readonly Node previous;

        internal InsertPointScope(Graph graph, Node previous)
        {
            this.graph = graph;
            this.previous = previous;
        }

        /// <inheritdoc/>
        public void Dispose() => graph.insertPoint = previous;
    }
}
