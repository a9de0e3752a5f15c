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
    private readonly bool arenaFree;

    private ExecutionPlan(Signature signature, Graph graph, PlanFunction run, Func<Arena> createArena, bool arenaFree, int[]? outputShape, DType? outputDType, bool writesOutputDirectly, string layoutSummary)
    {
        this.arenaFree = arenaFree;
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

        var scalars = ScalarizedTensors.Find(graph, types);
        var fused = PlanFusedLoops(graph, types, width, scalars);
        var (direct, bound) = outputShape is null ? ([], []) : OutputPlacement(graph.Outputs[0], graph.Block, fused);
        while (true)
        {
            var plan = ArenaPlanner.Plan(
                graph,
                types,
                v => !direct.Contains(v) && !scalars.Contains(v) && HasOutVariant(v.Node, fused),
                IsConstantView);
            var layout = Layout(plan, direct, bound, scalars, fused);
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
            var summary = $"{plan.Slots.Count} arena tensors, {plan.Views.Count} views, {fused.Count} fused loops, arena {(plan.Elements.Count == 0 ? "empty" : string.Join(" + ", plan.Elements.Select(e => $"{e.Value} {DTypes.TorchName(e.Key)}")))}"
                + (scalars.Count > 0 ? $", {scalars.Count} 0-dim tensors in registers" : string.Empty)
                + (direct.Count + bound.Count > 0 ? ", output written directly" : string.Empty)
                + Allocating(graph, layout);
            return new ExecutionPlan(signature, graph, compiled, createArena, layout.ArenaTensors.Count == 0, outputShape, outputDType, direct.Count + bound.Count > 0, summary);
        }
    }

    /// <summary>
    /// Runs the plan into <paramref name="output"/> (contiguous, of the output's dtype, not overlapping the
    /// input). Its shape was checked against <see cref="OutputShape"/> when that is static; otherwise it is
    /// checked against the result here, before anything is written.
    /// </summary>
    public void RunInto(Tensor input, Tensor output, CancellationToken cancellationToken = default)
    {
        if (arenaFree)
        {
            // Nothing to rent: every intermediate is a register or the output itself (CondModel's plan).
            Finish(run(input, [], OutputShape is null ? null : output, cancellationToken), output);
            return;
        }

        var arena = arenas.Rent();
        try
        {
            Finish(run(input, arena.Tensors, OutputShape is null ? null : output, cancellationToken), output);
        }
        finally
        {
            arenas.Return(arena);
        }
    }

    private void Finish(Tensor result, Tensor output)
    {
        if (ReferenceEquals(result, output)) return;
        if (OutputShape is null) CheckResult(result, output.DType, output.Shape, "output");
        PlanCopies.IntoOutput(result, output);
    }

    /// <summary>Runs the plan into <paramref name="output"/> (row-major); <paramref name="shape"/>, when not empty, is the caller's view of it.</summary>
    public void RunInto(Tensor input, Span<float> output, ReadOnlySpan<int> shape)
    {
        var arena = arenas.Rent();
        try
        {
            var staging = arena.Output;
            var result = run(input, arena.Tensors, staging, default);
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
    public Tensor Run(Tensor input, CancellationToken cancellationToken = default)
    {
        if (OutputShape is { } shape)
        {
            var output = Tensor.EmptyUninitialized(OutputDType!.Value, shape);
            RunInto(input, output, cancellationToken);
            return output;
        }

        var arena = arenas.Rent();
        try
        {
            // The shape shows only now; the result may be arena memory, which the next call overwrites.
            return run(input, arena.Tensors, null, cancellationToken).clone();
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
            .Where(n => n.Outputs.Any(o => o.Type is TensorType) && n.Kind is not (NodeKinds.Constant or NodeKinds.If or NodeKinds.Loop or NodeKinds.Uninitialized))
            .Where(n => n.Outputs.Any(o => o.Type is TensorType && !layout.InOutput(o) && !layout.Scalarized.Contains(o) && !layout.Placed(o)))
            .GroupBy(n => n.Kind)
            .Select(g => g.Count() > 1 ? $"{g.Key} x{g.Count()}" : g.Key)
            .ToList();
        return kinds.Count == 0 ? string.Empty : $"; allocating: {string.Join(", ", kinds)}";
    }

    private static bool HasOutVariant(Node n, Dictionary<Node, FusedLoopKernel> fused) =>
        n.Outputs.Count == 1 ? n.Op?.OutImplementation is not null || fused.ContainsKey(n) : fused.ContainsKey(n);

    // A view whose arguments besides the viewed tensor are constants: the same view of the same arena slice every call.
    private static bool IsConstantView(Node n)
    {
        if (n.Op is not { Traits: var traits } || (traits & OpTraits.View) == 0 || n.Outputs.Count != 1) return false;
        for (int i = 1; i < n.Inputs.Count; i++)
            if (n.Inputs[i].Node.Kind != NodeKinds.Constant) return false;
        return true;
    }

    // Fusion groups the loop compiler can fit to these shapes (the rest run through FusedElementwise), and single
    // elementwise ops it can fit, wrapped in a group of their own: a compiled loop over known sizes skips the
    // eager op's dispatch (dtype promotion, broadcast analysis), which dominates on small tensors, and computes
    // the same bits (the same operator struct).
    private static Dictionary<Node, FusedLoopKernel> PlanFusedLoops(Graph graph, Dictionary<Value, JitType> types, VectorWidth width, IReadOnlySet<Value> scalars)
    {
        var loops = new Dictionary<Node, FusedLoopKernel>();
        int index = 0;
        foreach (var n in AllNodes(graph.Block).ToList())
        {
            bool group = n.Kind == NodeKinds.FusionGroup;
            if (!group && (FusibleOps.WhyNot(n) is not null || n.Output.Uses.Count == 0 || scalars.Contains(n.Output))) continue;
            // Every output must have a static shape: the loop writes into buffers the plan places.
            if (!n.Outputs.All(o => types.GetValueOrDefault(o) is TensorType { Sizes: not null, DType: not null })) continue;
            IReadOnlyList<Value> inputs = n.Inputs;
            Graph subgraph;
            if (group)
            {
                subgraph = (Graph)n.Attribute(NodeKinds.Subgraph)!;
            }
            else
            {
                subgraph = FusionGroups.Subgraph([n], out var own, out _);
                inputs = own;
            }

            var inputTypes = inputs.Select(i => LayoutKnown(types.GetValueOrDefault(i, i.Type), i, fusedSoFar: loops, types)).ToArray();
            if (inputTypes.Any(t => t is null)) continue;
            var kernel = FusedLoopKernel.TryCompile(subgraph, inputTypes!, width, $"prim::FusionGroup_{index++}", out _);
            if (kernel is null) continue;
            if (group)
            {
                loops[n] = kernel;
                continue;
            }

            var type = types[n.Output];
            var wrapped = FusionGroups.Fuse(graph, [n]);
            types[wrapped.Output] = type;
            loops[wrapped] = kernel;
        }

        return loops;
    }

    // A fused loop reads dense memory: a tensor input's strides must be known (the profiling run observed them)
    // or dense by construction (an out variant's or a fused loop's result, in the arena). Null when unknown.
    // A loop's carried input is dense when its initial value is and the body computes the carried value densely.
    private static JitType? LayoutKnown(JitType type, Value v, Dictionary<Node, FusedLoopKernel> fusedSoFar, Dictionary<Value, JitType> types)
    {
        if (type is not TensorType { Sizes: { } sizes } t || t.Strides is not null) return type;
        return Dense(v) ? new TensorType(t.DType, sizes, Tensor.ContiguousStrides(sizes), false, "cpu") : null;

        bool Dense(Value v) => v.Node.Kind == NodeKinds.Param
            ? v.Node.Owner?.OwningNode is { Kind: NodeKinds.Loop } loop && v.Offset > 0
                && types.GetValueOrDefault(loop.Inputs[v.Offset + 1]) is TensorType { Sizes: { } s, Strides: { } strides } && IsDense(s, strides)
                && WritesDense(loop.Blocks[0].Outputs[v.Offset].Node)
            : WritesDense(v.Node);

        // Out variants and fused loops write dense buffers; an elementwise op or group that runs eagerly allocates a dense result.
        bool WritesDense(Node n) => HasOutVariant(n, fusedSoFar) || n.Kind == NodeKinds.FusionGroup || FusibleOps.WhyNot(n) is null;
    }

    private static bool IsDense(int[] sizes, int[] strides) => strides.AsSpan().SequenceEqual(Tensor.ContiguousStrides(sizes));

    // Where the graph's output is computed straight into the caller's output: by its own op, or, for a prim::If's
    // result, by what each branch yields (recursively); a branch yielding the input or an outer value copies.
    private static (HashSet<Value> Direct, HashSet<Value> BoundIfs) OutputPlacement(Value output, Block block, Dictionary<Node, FusedLoopKernel> fused)
    {
        var direct = new HashSet<Value>();
        var bound = new HashSet<Value>();
        Place(output, block);
        return (direct, bound);

        void Place(Value v, Block where)
        {
            if (v.Node.Owner != where) return;
            if (v.Node.Kind == NodeKinds.If)
            {
                bound.Add(v);
                foreach (var branch in v.Node.Blocks) Place(branch.Outputs[v.Offset], branch);
            }
            else if (HasOutVariant(v.Node, fused))
            {
                direct.Add(v);
            }
        }
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

    private static PlanLayout Layout(ArenaPlan plan, HashSet<Value> direct, HashSet<Value> bound, IReadOnlySet<Value> scalars, Dictionary<Node, FusedLoopKernel> fused)
    {
        var index = new Dictionary<Value, int>();
        foreach (var v in plan.Slots.Keys) index[v] = index.Count;
        foreach (var v in plan.Views.Keys) index[v] = index.Count; // in walk order: a view's base comes first
        return new PlanLayout
        {
            ArenaTensors = index,
            PrecomputedViews = plan.Views.Keys.ToHashSet(),
            DirectOutputs = direct,
            OutputBoundIfs = bound,
            Scalarized = scalars,
            FusedLoops = fused.ToDictionary(p => p.Key, p => p.Value.Method),
            FusedLoopShapes = fused.ToDictionary(p => p.Key, p => p.Value.Shape),
            CarriedBuffers = plan.Carried.ToDictionary(p => p.Key, p => (index[p.Value.First], index[p.Value.Second])),
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
