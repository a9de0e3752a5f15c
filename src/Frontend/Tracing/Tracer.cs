using TorchJit.Ir;

namespace TorchJit.Frontend;

/// <summary>
/// Records the ops one eager run performs into a graph (<c>torch.jit.trace</c>). Tensors are tracked by
/// reference (Note [Tensor identity]): inputs map to graph inputs, parameters and buffers to
/// <c>prim::GetAttr</c> chains from <c>%self</c>, any other tensor to a constant. Control flow is not
/// seen: where data becomes a C# value a <see cref="TracerWarning"/> is raised.
/// </summary>
public sealed class Tracer : IOpObserver
{
    private readonly Graph graph = new();
    private readonly Dictionary<Tensor, Value> values = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Tensor, string[]> attributePaths = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, Value> attributeValues = new(StringComparer.Ordinal);
    private readonly List<TracerWarning> warnings = [];
    private readonly Action<TracerWarning>? onWarning;
    private Value self = null!;
    private ScriptObject root = null!;

    private Tracer(Action<TracerWarning>? onWarning) => this.onWarning = onWarning;

    /// <summary>Traces <paramref name="module"/>.forward on <paramref name="input"/>.</summary>
    /// <returns>The graph (its first input is <c>%self</c>), the module object it reads, and the warnings raised.</returns>
    public static (Graph Graph, ScriptObject Object, IReadOnlyList<TracerWarning> Warnings) Trace(
        torch.nn.Module<Tensor, Tensor> module, Tensor input, Action<TracerWarning>? onWarning = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(input);
        var tracer = new Tracer(onWarning);
        var obj = new ModuleExporter().Export(module);
        tracer.root = obj;
        tracer.self = tracer.graph.AddInput(obj.Type, "self");
        tracer.CollectAttributePaths(module, []);
        var x = tracer.graph.AddInput(TensorType.Of(input), ModuleExporter.ForwardParameterName(module));
        tracer.values[input] = x;
        Tensor output;
        using (Dispatch.Observe(tracer))
        {
            output = module.forward(input);
        }

        tracer.graph.AddOutput(tracer.ValueOf(output));
        return (tracer.graph, obj, tracer.warnings);
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
        string what = result.Kind switch
        {
            IValueKind.Bool => "a C# bool",
            IValueKind.Double => "a C# double",
            _ => "a C# number",
        };
        var site = CallSite.Find();
        var warning = new TracerWarning(
            $"Converting a tensor to {what} might cause the trace to be incorrect. We can't record the data flow of C# values, " +
            "so this value will be treated as a constant in the future. This means that the trace might not generalize to other inputs!",
            site?.File,
            site?.Line ?? 0);
        warnings.Add(warning);
        if (onWarning is not null) onWarning(warning);
        else Console.Error.WriteLine(warning);
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
        // A tensor the trace did not produce and the module does not own: its data is baked in.
        return values[t] = graph.InsertConstant(t);
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
