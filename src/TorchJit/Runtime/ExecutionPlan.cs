using TorchJit.Codegen;
using TorchJit.Ir;
using TorchJit.Kernels;
using TorchJit.Passes;

namespace TorchJit.Runtime;

/// <summary>
/// The optimized graph specialized to one input signature (dtype and sizes) and compiled: every size is known,
/// so each op with an out variant writes into a slice of a per-call arena, views of those slices are made once
/// per arena, fusion groups run as SIMD loops fitted to the shapes, and the last op writes into the caller's
/// output. Immutable after construction; calls rent arenas from a lock-free pool, so any number of threads may
/// run one plan at once.
/// </summary>
internal sealed class ExecutionPlan
{
    private readonly PlanFunction run;
    private readonly ArenaPool arenas;

    private ExecutionPlan(Signature signature, Graph graph, PlanFunction run, Func<Arena> createArena, int[]? outputShape, DType? outputDType, bool writesOutputDirectly, string layoutSummary)
    {
        Signature = signature;
        Graph = graph;
        this.run = run;
        arenas = new ArenaPool(createArena);
        OutputShape = outputShape;
        OutputDType = outputDType;
        WritesOutputDirectly = writesOutputDirectly;
        LayoutSummary = layoutSummary;
    }

    /// <summary>The input signature this plan runs.</summary>
    public Signature Signature { get; }

    /// <summary>The specialized graph that was compiled.</summary>
    public Graph Graph { get; }

    /// <summary>The output's sizes when the signature fixes them (null: known only after the call).</summary>
    public int[]? OutputShape { get; }

    /// <summary>The output's dtype when the signature fixes it.</summary>
    public DType? OutputDType { get; }

    /// <summary>True when the last op writes the caller's output itself (no final copy).</summary>
    public bool WritesOutputDirectly { get; }

    /// <summary>What the planner decided, one line (for logs and the CLI).</summary>
    public string LayoutSummary { get; }

    /// <summary>Arenas made so far: at most the number of calls that ever ran at once.</summary>
    public int ArenasCreated => arenas.Created;

    /// <summary>Specializes <paramref name="optimized"/> to <paramref name="input"/>'s signature and compiles it.</summary>
    /// <exception cref="ArgumentException">The input cannot fit the model (shape inference names the op and the shapes).</exception>
    public static ExecutionPlan Build(Graph optimized, Tensor input, VectorWidth width)
    {
        var graph = GraphCopy.Clone(optimized);
        var signature = Signature.Of(input);
        IReadOnlyList<JitType> inputTypes = [graph.Inputs[0].Type, TensorType.Of(input)];
        // Shape checks (x.dim() != 4: raise) and size arithmetic fold away for these sizes.
        ShapeInference.Infer(graph, inputTypes); // bad input fails here, naming the op and the shapes
        new SpecializeShapes(inputTypes).Run(graph, new PassContext());
        var types = StaticShapes.Of(graph, input);
        var output = graph.Outputs[0];
        var outputType = types.GetValueOrDefault(output) as TensorType;
        int[]? outputShape = outputType is { Sizes: { } s, DType: not null } ? [.. s] : null;
        var outputDType = outputType?.DType;

        var fused = PlanFusedLoops(graph, types, width);
        Value? direct = outputShape is not null && output.Node.Owner == graph.Block && HasOutVariant(output.Node, fused) ? output : null;
        while (true)
        {
            var plan = ArenaPlanner.Plan(
                graph,
                types,
                v => v != direct && HasOutVariant(v.Node, fused),
                IsConstantView);
            var layout = Layout(plan, direct, fused);
            var createArena = ArenaFactory(plan, layout, outputShape, outputDType);

            // A view op that copies for these strides (a reshape of a transposed slice) is no view: it reshapes a
            // dense clone instead (the clone writes an arena buffer, the reshape of it is a view); plan again.
            var probe = createArena();
            var copies = plan.Views.Keys.Where(v => !probe.Tensors[layout.ArenaTensors[v]].SharesStorageWith(probe.Tensors[layout.ArenaTensors[plan.Views[v]]])).ToList();
            if (copies.Count > 0)
            {
                foreach (var v in copies) CloneFirst(graph, v.Node, types);
                continue;
            }

            var compiled = GraphCompiler.CompilePlan(graph, layout);
            var summary = $"{plan.Slots.Count} arena tensors, {plan.Views.Count} views, {fused.Count} fused loops, arena {string.Join(" + ", plan.Elements.Select(e => $"{e.Value} {DTypes.TorchName(e.Key)}"))}"
                + (direct is not null ? ", output written directly" : string.Empty)
                + Allocating(graph, layout);
            return new ExecutionPlan(signature, graph, compiled, createArena, outputShape, outputDType, direct is not null, summary);
        }
    }

    /// <summary>
    /// Runs the plan into <paramref name="output"/> (contiguous, of the output's dtype, not overlapping the
    /// input). Its shape was checked against <see cref="OutputShape"/> when that is static; otherwise it is
    /// checked against the result here, before anything is written.
    /// </summary>
    public void RunInto(Tensor input, Tensor output)
    {
        var arena = arenas.Rent();
        try
        {
            var result = run(input, arena.Tensors, OutputShape is null ? null : output);
            if (ReferenceEquals(result, output)) return;
            if (OutputShape is null) CheckResult(result, output.DType, output.Shape, "output");
            // The caller's output is no weight a cache derives from: a plain copy, without copy_'s version bump.
            if (result.IsContiguous && result.DType == DType.Float32 && output.DType == DType.Float32) result.Float32Span.CopyTo(output.Float32Span);
            else output.copy_(result);
        }
        finally
        {
            arenas.Return(arena);
        }
    }

    /// <summary>Runs the plan into <paramref name="output"/> (row-major); <paramref name="shape"/>, when not empty, is the caller's view of it.</summary>
    public void RunInto(Tensor input, Span<float> output, ReadOnlySpan<int> shape)
    {
        var arena = arenas.Rent();
        try
        {
            var staging = arena.Output;
            var result = run(input, arena.Tensors, staging);
            if (staging is null)
            {
                if (!shape.IsEmpty) CheckResult(result, DType.Float32, shape, "output");
                else
                {
                    OutputChecks.RequireDType(result.DType, DType.Float32, "output");
                    OutputChecks.RequireLength(result.Shape, output.Length, "output");
                }
            }

            (ReferenceEquals(result, staging) ? result : result.contiguous()).Float32Span.CopyTo(output);
        }
        finally
        {
            arenas.Return(arena);
        }
    }

    private static void CheckResult(Tensor result, DType dtype, ReadOnlySpan<int> shape, string name)
    {
        OutputChecks.RequireDType(result.DType, dtype, name);
        OutputChecks.RequireShape(result.Shape, shape, name);
    }

    /// <summary>Runs the plan and returns a new tensor holding the result.</summary>
    public Tensor Run(Tensor input)
    {
        if (OutputShape is { } shape)
        {
            var output = Tensor.EmptyUninitialized(OutputDType!.Value, shape);
            RunInto(input, output);
            return output;
        }

        var arena = arenas.Rent();
        try
        {
            // The shape shows only now; the result may be arena memory, which the next call overwrites.
            return run(input, arena.Tensors, null).clone();
        }
        finally
        {
            arenas.Return(arena);
        }
    }

    // view(x) -> view(clone(x)): the same values in the same order (a copying view gathers x densely first).
    private static void CloneFirst(Graph graph, Node view, Dictionary<Value, JitType> types)
    {
        var source = view.Inputs[0];
        using var at = graph.InsertPointAt(view);
        var clone = graph.Insert(graph.CreateOp(OpRegistry.Get("aten::clone"), [source, graph.InsertConstant(null)]));
        var t = (TensorType)types[source];
        types[clone.Output] = clone.Output.Type = new TensorType(t.DType, t.Sizes, Tensor.ContiguousStrides(t.Sizes!), false, "cpu");
        view.ReplaceInput(0, clone.Output);
    }

    // The nodes that still allocate their result each call (no out variant, a size known only at run time, a loop body).
    private static string Allocating(Graph graph, PlanLayout layout)
    {
        var kinds = AllNodes(graph.Block)
            .Where(n => n.Outputs.Any(o => o.Type is TensorType) && n.Kind is not (NodeKinds.Constant or NodeKinds.If or NodeKinds.Loop))
            .Where(n => n.Outputs.Any(o => o.Type is TensorType && o != layout.DirectOutput && !layout.ArenaTensors.ContainsKey(o)))
            .GroupBy(n => n.Kind)
            .Select(g => g.Count() > 1 ? $"{g.Key} x{g.Count()}" : g.Key)
            .ToList();
        return kinds.Count == 0 ? string.Empty : $"; allocating: {string.Join(", ", kinds)}";
    }

    private static bool HasOutVariant(Node n, Dictionary<Node, System.Reflection.MethodInfo> fused) =>
        n.Outputs.Count == 1 ? n.Op?.OutImplementation is not null || fused.ContainsKey(n) : fused.ContainsKey(n);

    // A view whose arguments besides the viewed tensor are constants: the same view of the same arena slice every call.
    private static bool IsConstantView(Node n)
    {
        if (n.Op is not { Traits: var traits } || (traits & OpTraits.View) == 0 || n.Outputs.Count != 1) return false;
        for (int i = 1; i < n.Inputs.Count; i++)
            if (n.Inputs[i].Node.Kind != NodeKinds.Constant) return false;
        return true;
    }

    // Fusion groups the loop compiler can fit to these shapes (the rest run through FusedElementwise).
    private static Dictionary<Node, System.Reflection.MethodInfo> PlanFusedLoops(Graph graph, IReadOnlyDictionary<Value, JitType> types, VectorWidth width)
    {
        var loops = new Dictionary<Node, System.Reflection.MethodInfo>();
        int index = 0;
        foreach (var n in AllNodes(graph.Block))
        {
            if (n.Kind != NodeKinds.FusionGroup) continue;
            var name = $"prim::FusionGroup_{index++}";
            // Every output must have a static shape: the loop writes into buffers the plan places.
            if (!n.Outputs.All(o => types.GetValueOrDefault(o) is TensorType { Sizes: not null, DType: not null })) continue;
            var inputTypes = n.Inputs.Select(i => types.GetValueOrDefault(i, i.Type)).ToArray();
            var kernel = FusedLoopKernel.TryCompile((Graph)n.Attribute(NodeKinds.Subgraph)!, inputTypes, width, name, out _);
            if (kernel is not null) loops[n] = kernel.Method;
        }

        return loops;
    }

    private static IEnumerable<Node> AllNodes(Block block)
    {
        foreach (var n in block.Nodes)
        {
            yield return n;
            foreach (var b in n.Blocks)
                foreach (var inner in AllNodes(b)) yield return inner;
        }
    }

    private static PlanLayout Layout(ArenaPlan plan, Value? direct, Dictionary<Node, System.Reflection.MethodInfo> fused)
    {
        var index = new Dictionary<Value, int>();
        foreach (var v in plan.Slots.Keys) index[v] = index.Count;
        foreach (var v in plan.Views.Keys) index[v] = index.Count; // in walk order: a view's base comes first
        return new PlanLayout
        {
            ArenaTensors = index,
            PrecomputedViews = plan.Views.Keys.ToHashSet(),
            DirectOutput = direct,
            FusedLoops = fused,
        };
    }

    private static Func<Arena> ArenaFactory(ArenaPlan plan, PlanLayout layout, int[]? outputShape, DType? outputDType)
    {
        var slots = plan.Slots.ToArray();
        var views = plan.Views.ToArray();
        var elements = plan.Elements.ToArray();
        int count = layout.ArenaTensors.Count;
        return () =>
        {
            var arrays = new Dictionary<DType, Array>();
            foreach (var (dtype, n) in elements) arrays[dtype] = NewArray(dtype, n);
            var tensors = new Tensor[count];
            foreach (var (v, slot) in slots) tensors[layout.ArenaTensors[v]] = Tensor.OverArray(arrays[slot.DType], slot.Offset, slot.Shape);
            foreach (var (v, baseValue) in views) tensors[layout.ArenaTensors[v]] = MakeView(v.Node, tensors[layout.ArenaTensors[baseValue]]);
            var output = outputShape is not null && outputDType == DType.Float32 ? Tensor.EmptyUninitialized(DType.Float32, outputShape) : null;
            return new Arena(tensors, output);
        };
    }

    private static Array NewArray(DType dtype, int n) => dtype switch
    {
        DType.Float32 => GC.AllocateUninitializedArray<float>(n),
        DType.Int64 => new long[n],
        DType.Bool => new bool[n],
        _ => throw new NotSupportedException($"arena: dtype {dtype} is not supported"),
    };

    // Runs the view op on the arena tensor once; its other arguments are constants.
    private static Tensor MakeView(Node n, Tensor source)
    {
        var args = new IValue[n.Inputs.Count];
        args[0] = IValue.From(source);
        for (int i = 1; i < args.Length; i++) args[i] = IValue.FromConstant(n.Inputs[i].Node.Attribute("value"));
        return n.Op!.Invoke(args).ToTensor();
    }
}
