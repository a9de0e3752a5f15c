using TorchJit.Ir;

namespace TorchJit.Frontend;

/// <summary>
/// Records the ops one eager run performs into a graph (<c>torch.jit.trace</c>). Tensors are tracked by
/// reference (Note [Tensor identity]): inputs map to graph inputs, parameters and buffers to
/// <c>prim::GetAttr</c> chains from <c>%self</c>, any other tensor to a constant. Control flow is not
/// seen: where data becomes a C# value, and where a tensor the trace cannot explain becomes a constant,
/// a <see cref="TracerWarning"/> is raised at the user's line.
/// </summary>
public sealed partial class Tracer : IOpObserver
{
    private readonly Graph graph = new();
    private readonly Dictionary<Tensor, Value> values = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Tensor, string[]> attributePaths = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, Value> attributeValues = new(StringComparer.Ordinal);
    private readonly Dictionary<Node, SourceLocation?> dataConstants = [];
    private readonly List<TracerWarning> warnings = [];
    private readonly Action<TracerWarning>? onWarning;
    private readonly Value self;
    private readonly ScriptObject root;

    private Tracer(torch.nn.Module module, ScriptObject root, Action<TracerWarning>? onWarning)
    {
        this.onWarning = onWarning;
        this.root = root;
        self = graph.AddInput(root.Type, "self");
        CollectAttributePaths(module, []);
    }

    /// <summary>Traces <paramref name="module"/>.forward on <paramref name="input"/>.</summary>
    /// <returns>The graph (its first input is <c>%self</c>), the module object it reads, and the warnings raised.</returns>
    public static TraceResult Trace(torch.nn.Module<Tensor, Tensor> module, Tensor input, Action<TracerWarning>? onWarning = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(input);
        return TraceMethod(module, new ModuleExporter().Export(module), "forward", [input], onWarning);
    }

    /// <summary>
    /// Traces the public method <paramref name="methodName"/> of <paramref name="module"/> (its parameters
    /// must all be tensors; it returns a tensor, a tuple of tensors or a list of tensors) on
    /// <paramref name="inputs"/>. Parameters and buffers are read from <paramref name="obj"/>, the object the
    /// graph's <c>%self</c> stands for, so several methods traced against one object form one module
    /// (<c>torch.jit.trace_module</c>).
    /// </summary>
    public static TraceResult TraceMethod(torch.nn.Module module, ScriptObject obj, string methodName, IReadOnlyList<Tensor> inputs, Action<TracerWarning>? onWarning = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(inputs);
        var method = TracedMethod.Find(module, methodName, inputs.Count);
        var tracer = new Tracer(module, obj, onWarning);
        var names = method.ParameterNames;
        for (int i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i] ?? throw new ArgumentNullException(nameof(inputs), $"{methodName}: input {i} is null");
            var v = tracer.graph.AddInput(TensorType.Of(input), names[i]);
            tracer.values.TryAdd(input, v);
        }

        object? output;
        using (Dispatch.Observe(tracer))
        {
            output = method.Invoke(module, inputs);
        }

        tracer.graph.AddOutput(tracer.OutputValue(output, methodName));
        tracer.RemoveDeadNodes();
        tracer.WarnAboutDataConstants();
        return new TraceResult(tracer.graph, obj, tracer.warnings);
    }

    /// <inheritdoc/>
    public void OnOp(OpDef op, ReadOnlySpan<IValue> args, IValue result)
    {
        var inputs = new Value[args.Length];
        for (int i = 0; i < args.Length; i++) inputs[i] = ValueOf(args[i]);
        // Ops with several results (max.dim) return a tuple of tensors: one output each.
        var tensors = result.Kind == IValueKind.Tuple ? result.ToTuple().Select(r => r.ToTensor()).ToArray() : [result.ToTensor()];
        var node = graph.CreateOp(op, inputs, tensors.Select(TensorType.Of).ToArray());
        node.Source = CallSite.Find();
        graph.Insert(node);
        for (int i = 0; i < tensors.Length; i++) values[tensors[i]] = node.Outputs[i];
    }

    /// <inheritdoc/>
    public void OnDataConversion(OpDef op, Tensor tensor, IValue result)
    {
        if (CallSite.ConversionIsInLibrary()) return;
        string what = op.Schema.Kind switch
        {
            "aten::Bool" => "a C# bool",
            "aten::Int" => "a C# long",
            "aten::Float" => "a C# double",
            _ => $"a C# number ({op.Schema.Name}())",
        };
        Warn(ConversionMessage(what), CallSite.Find());
    }

    /// <inheritdoc/>
    public void OnDataRead(Tensor tensor, string api)
    {
        if (CallSite.ConversionIsInLibrary()) return;
        string what = api.StartsWith("item", StringComparison.Ordinal) ? $"a C# number ({api})" : $"a C# array ({api})";
        Warn(ConversionMessage(what), CallSite.Find());
    }

    // PyTorch's wording (torch/csrc/jit/frontend/tracer.cpp), with C# for Python.
    private static string ConversionMessage(string what) =>
        $"Converting a tensor to {what} might cause the trace to be incorrect. We can't record the data flow of C# values, " +
        "so this value will be treated as a constant in the future. This means that the trace might not generalize to other inputs!";

    private void Warn(string message, SourceLocation? site)
    {
        var warning = new TracerWarning(message, site?.File, site?.Line ?? 0);
        warnings.Add(warning);
        if (onWarning is not null) onWarning(warning);
        else Console.Error.WriteLine(warning);
    }

    // As torch.jit.trace: ops whose results only steered C# control flow (or that op implementations ran on
    // their own temporaries) leave no trace. A trace is flat, so one backward sweep removes whole dead chains.
    private void RemoveDeadNodes()
    {
        foreach (var n in graph.Block.NodesReversed)
        {
            bool removable = n.Kind is NodeKinds.Constant or NodeKinds.GetAttr or NodeKinds.ListConstruct or NodeKinds.TupleConstruct
                || n.Op is { IsPure: true };
            if (removable && n.Outputs.All(o => o.Uses.Count == 0))
            {
                dataConstants.Remove(n);
                n.Destroy();
            }
        }
    }

    // Only constants the finished graph still reads are reported: op implementations call eager methods on
    // their own temporaries, which the trace records and dead-code elimination later drops.
    private void WarnAboutDataConstants()
    {
        var live = new HashSet<Node>();
        var work = new Stack<Value>(graph.Outputs);
        while (work.Count > 0)
        {
            var n = work.Pop().Node;
            if (n.Kind == NodeKinds.Param || !live.Add(n)) continue;
            foreach (var i in n.Inputs) work.Push(i);
        }

        foreach (var n in graph.Block.Nodes)
        {
            if (!live.Contains(n) || !dataConstants.TryGetValue(n, out var site)) continue;
            var t = (Tensor)n.Attribute("value")!;
            Warn(
                $"A {t.Describe()} tensor that is not an input, a parameter or buffer, nor the result of a traced op (made from data, " +
                "e.g. torch.tensor(...), torch.ones(...) or Tensor.FromArray(...)) is registered as a constant in the trace. " +
                "You can safely ignore this warning if its data would be the same every time you call this function. " +
                "In any other case, this might cause the trace to be incorrect.",
                site);
        }
    }

    private Value OutputValue(object? output, string methodName)
    {
        switch (output)
        {
            case Tensor t:
                return ValueOf(t);
            case System.Runtime.CompilerServices.ITuple tuple:
                var construct = graph.Create(NodeKinds.TupleConstruct);
                for (int i = 0; i < tuple.Length; i++) construct.AddInput(OutputValue(tuple[i], methodName));
                construct.AddOutput(new TupleType(construct.Inputs.Select(v => v.Type).ToArray()));
                graph.Insert(construct);
                return construct.Output;
            case IEnumerable<Tensor> list:
                var listNode = graph.Create(NodeKinds.ListConstruct);
                foreach (var t in list) listNode.AddInput(ValueOf(t));
                listNode.AddOutput(new ListType(TensorType.Any));
                graph.Insert(listNode);
                return listNode.Output;
            default:
                throw new NotSupportedException(
                    $"trace: {methodName} returned {output?.GetType().Name ?? "null"}; a traced method returns a tensor, a tuple of tensors or a list of tensors");
        }
    }

    private Value ValueOf(IValue v)
    {
        switch (v.Kind)
        {
            case IValueKind.Tensor:
                return ValueOf(v.ToTensor());
            case IValueKind.None:
                return graph.InsertConstant(null);
            case IValueKind.Int:
                return graph.InsertConstant(v.ToInt());
            case IValueKind.Double:
                return graph.InsertConstant(v.ToDouble());
            case IValueKind.Bool:
                return graph.InsertConstant(v.ToBool());
            case IValueKind.IntList:
                return graph.InsertConstant(v.ToIntList());
            case IValueKind.String:
                return graph.InsertConstant(v.ToStringValue());
            case IValueKind.TensorList:
                var list = graph.Create(NodeKinds.ListConstruct);
                foreach (var t in v.ToTensorList()) list.AddInput(ValueOf(t));
                list.AddOutput(new ListType(TensorType.Any));
                graph.Insert(list);
                return list.Output;
            default:
                throw new NotSupportedException($"tracer: an op argument of kind {v.Kind} is not supported");
        }
    }

    private Value ValueOf(Tensor t)
    {
        if (values.TryGetValue(t, out var v)) return v;
        if (attributePaths.TryGetValue(t, out var path)) return AttributeValue(path);
        // A tensor the trace did not produce and the module does not own: its data is baked in. A number
        // wrapped for an operator (x + 10) is a constant by design, as PyTorch traces it.
        var constant = graph.InsertConstant(t);
        if (!t.IsWrappedNumber) dataConstants[constant.Node] = CallSite.Find();
        return values[t] = constant;
    }

    private Value AttributeValue(string[] path)
    {
        Value current = self;
        ScriptObject owner = root;
        for (int i = 0; i < path.Length; i++)
        {
            var slot = owner.GetAttr(path[i]);
            string key = string.Join(".", path, 0, i + 1);
            if (!attributeValues.TryGetValue(key, out var next))
            {
                var n = graph.Create(NodeKinds.GetAttr).SetAttribute("name", path[i]);
                n.AddInput(current);
                next = n.AddOutput(slot.Kind == IValueKind.Object ? slot.ToObject().Type : TensorType.Any);
                next.SetDebugName(char.IsAsciiDigit(path[i][0]) ? "_" + path[i] : path[i]);
                graph.Insert(n);
                attributeValues[key] = next;
            }

            if (slot.Kind == IValueKind.Object) owner = slot.ToObject();
            current = next;
        }

        return current;
    }

    private void CollectAttributePaths(torch.nn.Module module, string[] prefix)
    {
        foreach (var (name, p) in module.LocalParameters)
            if (p is not null) attributePaths.TryAdd(p, [.. prefix, name]);
        foreach (var (name, b) in module.LocalBuffers) attributePaths.TryAdd(b, [.. prefix, name]);
        foreach (var (name, child) in module.named_children()) CollectAttributePaths(child, [.. prefix, name]);
    }
}

/// <summary>What one trace produced.</summary>
/// <param name="Graph">The graph; its first input is <c>%self</c>.</param>
/// <param name="Object">The module object the graph reads through <c>%self</c>.</param>
/// <param name="Warnings">The warnings raised while tracing.</param>
public sealed record TraceResult(Graph Graph, ScriptObject Object, IReadOnlyList<TracerWarning> Warnings);
