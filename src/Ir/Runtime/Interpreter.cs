namespace TorchJit.Ir;

/// <summary>
/// The reference executor: runs any graph node by node, calling each op's implementation through the
/// registry. Slow but simple; compiled code and every pass are checked against it.
/// </summary>
public static class Interpreter
{
    /// <summary>Runs <paramref name="graph"/> on <paramref name="inputs"/> (one per graph input) and returns its outputs.</summary>
    public static IValue[] Run(Graph graph, params IValue[] inputs) => Run(graph, observe: null, inputs);

    /// <summary>
    /// Runs <paramref name="graph"/> and shows <paramref name="observe"/> every node output as it is computed
    /// (inside loops, once per iteration): how a compiled plan profiles the shapes of ops without a type function.
    /// </summary>
    public static IValue[] Run(Graph graph, Action<Value, IValue>? observe, params IValue[] inputs)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Length != graph.Inputs.Count)
            throw new ArgumentException($"graph takes {graph.Inputs.Count} inputs, got {inputs.Length}");
        var env = new Dictionary<Value, IValue>();
        for (int i = 0; i < inputs.Length; i++) env[graph.Inputs[i]] = inputs[i];
        RunBlock(graph.Block, env, observe);
        return graph.Outputs.Select(o => env[o]).ToArray();
    }

    private static void RunBlock(Block block, Dictionary<Value, IValue> env, Action<Value, IValue>? observe)
    {
        foreach (var n in block.Nodes)
        {
            RunNode(n, env, observe);
            if (observe is null) continue;
            foreach (var o in n.Outputs) observe(o, env[o]);
        }
    }

    private static void RunNode(Node n, Dictionary<Value, IValue> env, Action<Value, IValue>? observe)
    {
        switch (n.Kind)
        {
            case NodeKinds.Constant:
                env[n.Output] = IValue.FromConstant(n.Attribute("value"));
                return;
            case NodeKinds.GetAttr:
                env[n.Output] = env[n.Inputs[0]].ToObject().GetAttr(n.StringAttribute("name"));
                return;
            case NodeKinds.CallMethod:
                var self = env[n.Inputs[0]].ToObject();
                var results = Run(self.GetMethod(n.StringAttribute("name")).Graph, n.Inputs.Select(i => env[i]).ToArray());
                for (int i = 0; i < n.Outputs.Count; i++) env[n.Outputs[i]] = results[i];
                return;
            case NodeKinds.CallFunction:
                var function = (FunctionType)n.Inputs[0].Type;
                var returned = Run(function.Graph, n.Inputs.Skip(1).Select(i => env[i]).ToArray());
                for (int i = 0; i < n.Outputs.Count; i++) env[n.Outputs[i]] = returned[i];
                return;
            case NodeKinds.Uninitialized:
                env[n.Output] = IValue.None;
                return;
            case NodeKinds.RaiseException:
                throw new ScriptRuntimeException(env[n.Inputs[0]].ToStringValue());
            case NodeKinds.If:
                var taken = n.Blocks[env[n.Inputs[0]].ToBool() ? 0 : 1];
                RunBlock(taken, env, observe);
                for (int i = 0; i < n.Outputs.Count; i++) env[n.Outputs[i]] = env[taken.Outputs[i]];
                return;
            case NodeKinds.Loop:
                RunLoop(n, env, observe);
                return;
            case NodeKinds.FusionGroup:
                var outputs = FusedElementwise.For((Graph)n.Attribute(NodeKinds.Subgraph)!).Run(n.Inputs.Select(i => env[i]).ToArray());
                for (int i = 0; i < n.Outputs.Count; i++) env[n.Outputs[i]] = outputs[i];
                return;
            case NodeKinds.ListConstruct:
                env[n.Output] = n.Output.Type is ListType { Element: TensorType }
                    ? IValue.From(n.Inputs.Select(i => env[i].ToTensor()).ToArray())
                    : IValue.From(n.Inputs.Select(i => env[i].ToInt()).ToArray());
                return;
            case NodeKinds.TupleConstruct:
                env[n.Output] = IValue.Tuple(n.Inputs.Select(i => env[i]).ToArray());
                return;
            case NodeKinds.TupleUnpack:
                var elements = env[n.Inputs[0]].ToTuple();
                for (int i = 0; i < n.Outputs.Count; i++) env[n.Outputs[i]] = elements[i];
                return;
        }

        if (n.Op is not { } op) throw new NotSupportedException($"interpreter: node kind {n.Kind} is not supported");
        var args = new IValue[n.Inputs.Count];
        for (int i = 0; i < args.Length; i++) args[i] = env[n.Inputs[i]];
        var result = op.Invoke(args);
        if (n.Outputs.Count == 1)
        {
            env[n.Output] = result;
            return;
        }

        // Ops with several results (max.dim: values, indices) return them as a tuple.
        var parts = result.ToTuple();
        for (int i = 0; i < n.Outputs.Count; i++) env[n.Outputs[i]] = parts[i];
    }

    // prim::Loop(max_trip_count, initial_condition, carried...) with body block (i, carried...) -> (condition, carried...).
    private static void RunLoop(Node n, Dictionary<Value, IValue> env, Action<Value, IValue>? observe)
    {
        var body = n.Blocks[0];
        long maxTrips = env[n.Inputs[0]].ToInt();
        bool cond = env[n.Inputs[1]].ToBool();
        var carried = n.Inputs.Skip(2).Select(i => env[i]).ToArray();
        for (long i = 0; cond && i < maxTrips; i++)
        {
            env[body.Inputs[0]] = IValue.From(i);
            for (int c = 0; c < carried.Length; c++) env[body.Inputs[c + 1]] = carried[c];
            RunBlock(body, env, observe);
            cond = env[body.Outputs[0]].ToBool();
            for (int c = 0; c < carried.Length; c++) carried[c] = env[body.Outputs[c + 1]];
        }

        for (int c = 0; c < carried.Length; c++) env[n.Outputs[c]] = carried[c];
    }
}
