using TorchJit.Ir;
using TorchJit.Kernels;

namespace TorchJit.Passes;

/// <summary>Where one planned tensor lives: a slice of the arena's array of its dtype.</summary>
/// <param name="DType">The dtype, which picks the arena array (float, long or bool).</param>
/// <param name="Offset">The first element in that array (a multiple of 16, so vectors start aligned to the array).</param>
/// <param name="Shape">The tensor's sizes (contiguous).</param>
public readonly record struct ArenaSlot(DType DType, int Offset, int[] Shape);

/// <summary>The arena of a compiled plan: each planned value's slot, each precomputed view's base, and the array sizes.</summary>
public sealed class ArenaPlan
{
    internal ArenaPlan(Dictionary<Value, ArenaSlot> slots, Dictionary<Value, Value> views, Dictionary<DType, int> elements, Dictionary<Value, (Value First, Value Second)> carried)
    {
        Slots = slots;
        Views = views;
        Elements = elements;
        Carried = carried;
    }

    /// <summary>
    /// Loop-carried results written in place: the value a loop body yields -> its two buffers (slots of the loop's
    /// result and of the body's carried input), which iterations alternate, so an iteration writes one while
    /// reading the other (the value the last iteration carried in).
    /// </summary>
    public IReadOnlyDictionary<Value, (Value First, Value Second)> Carried { get; }

    /// <summary>The values written into the arena by their op's out variant.</summary>
    public IReadOnlyDictionary<Value, ArenaSlot> Slots { get; }

    /// <summary>Views of planned values (or of other such views), made once per arena: view -> its base.</summary>
    public IReadOnlyDictionary<Value, Value> Views { get; }

    /// <summary>Elements of each dtype's arena array.</summary>
    public IReadOnlyDictionary<DType, int> Elements { get; }
}

/// <summary>
/// Plans the intermediates of one specialized call into per-dtype arena arrays, as PyTorch's static runtime and
/// ONNX Runtime's memory-pattern planner do: every size is known from the input signature, each value lives from
/// its node to its last use, values whose lifetimes do not overlap share elements (first fit, largest first).
/// </summary>
/// <remarks>
/// Lifetimes are positions in a pre-order walk of the nested blocks. A value read inside a <c>prim::If</c> or
/// <c>prim::Loop</c> lives to the end of that node; a value that leaves a block (a branch result, a loop-carried
/// value) or enters a loop as a carried value lives as long as the node output it becomes; a view keeps its base
/// alive as long as the view; graph outputs live to the end of the call (the plan copies them out last). Two
/// branches of one <c>prim::If</c> get disjoint positions, so their values may share memory: only one runs.
/// A value computed inside a loop body is planned only when it dies within its iteration (not carried to the next,
/// not viewed): the next iteration's op could otherwise write a buffer that its own input, carried from the last
/// iteration, still occupies. Values read in a loop body but defined outside it live to the loop's end.
/// </remarks>
public static class ArenaPlanner
{
    // Slots start on 16-element boundaries (64 bytes of float): vector loads of one value never straddle another's line.
    private const int Alignment = 16;

    /// <summary>
    /// Plans <paramref name="graph"/> given every value's complete type. <paramref name="plannable"/> says which
    /// node outputs their node can write into a given buffer; <paramref name="view"/> which view nodes
    /// can be made once per arena from their base (input 0) because every other input is a constant.
    /// </summary>
    public static ArenaPlan Plan(Graph graph, IReadOnlyDictionary<Value, JitType> types, Func<Value, bool> plannable, Func<Node, bool> view)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var walk = new Walk();
        walk.Number(graph.Block);

        var planned = new List<Value>();
        var isPlanned = new HashSet<Value>();
        var views = new Dictionary<Value, Value>();
        var lives = new Lives(walk);
        var carried = new Dictionary<Value, (Value First, Value Second)>();
        var carriedLife = new Dictionary<Value, (int Start, int End)>();
        Collect(graph.Block, insideLoop: false);

        var buffers = new List<Buffer>();
        foreach (var v in planned)
        {
            var t = (TensorType)types[v];
            int n = (int)Broadcasting.NumElements(t.Sizes!);
            var (start, end) = carriedLife.TryGetValue(v, out var life) ? life : (walk.Start[v.Node], lives.Last(v));
            buffers.Add(new Buffer(v, t.DType!.Value, n, start, end));
        }

        var elements = new Dictionary<DType, int>();
        foreach (var group in buffers.GroupBy(b => b.DType)) elements[group.Key] = Place([.. group]);
        var slots = buffers.ToDictionary(b => b.Value, b => new ArenaSlot(b.DType, b.Offset, [.. ((TensorType)types[b.Value]).Sizes!]));
        return new ArenaPlan(slots, views, elements, carried);

        void Collect(Block block, bool insideLoop)
        {
            foreach (var n in block.Nodes)
            {
                foreach (var b in n.Blocks) Collect(b, insideLoop || n.Kind == NodeKinds.Loop);
                bool aliases = n.Outputs.Count == 1 && IsView(n) && (views.ContainsKey(n.Inputs[0]) || isPlanned.Contains(n.Inputs[0]));
                if (aliases && (insideLoop || !view(n)))
                {
                    // A view made at run time (its arguments vary): it aliases its base's buffer, which must outlive it.
                    lives.AddView(n.Inputs[0], n.Output);
                    continue;
                }

                if (insideLoop)
                {
                    foreach (var v in n.Outputs)
                    {
                        if (!plannable(v) || !DiesInIteration(v) || types.GetValueOrDefault(v) is not TensorType { Sizes: not null, DType: not null }) continue;
                        planned.Add(v);
                        isPlanned.Add(v);
                    }

                    continue;
                }

                if (aliases)
                {
                    views[n.Output] = n.Inputs[0];
                    lives.AddView(n.Inputs[0], n.Output);
                    continue;
                }

                foreach (var v in n.Outputs)
                {
                    if (!plannable(v) || types.GetValueOrDefault(v) is not TensorType { Sizes: not null, DType: not null }) continue;
                    planned.Add(v);
                    isPlanned.Add(v);
                }

                if (n.Kind == NodeKinds.Loop) PlanCarried(n);
            }
        }

        // Both buffers of an in-place carried value live from the loop's start until its result's last read.
        void PlanCarried(Node loop)
        {
            var body = loop.Blocks[0];
            for (int k = 0; k < loop.Outputs.Count; k++)
            {
                if (!CarriedInPlace(loop, k, types, plannable)) continue;
                var (first, second) = (loop.Outputs[k], body.Inputs[k + 1]);
                var life = (walk.Start[loop], Math.Max(walk.End[loop], lives.Last(loop.Outputs[k])));
                carried[body.Outputs[k + 1]] = (first, second);
                foreach (var v in new[] { first, second })
                {
                    carriedLife[v] = life;
                    planned.Add(v);
                    isPlanned.Add(v);
                }
            }
        }
    }

    // A value computed in a loop body may take arena memory only when it dies within its iteration: lifetimes are
    // positions in one walk, which cannot say that a value carried into the next iteration (yielded by the body,
    // directly or as a branch's result, or handed to a nested loop) still occupies its buffer when the same op
    // writes it again; nor do they follow a view made at run time, which would alias the buffer.
    private static bool DiesInIteration(Value v) => v.Uses.All(use => OnlyRead(use)
        || (use.User.Kind == NodeKinds.Return && use.User.Owner!.OwningNode is { Kind: NodeKinds.If } branch && DiesInIteration(branch.Outputs[use.Offset])));

    // Carried value k of a top-level loop can alternate between two buffers when its type is the same every
    // iteration, the body computes it with an op that writes a given buffer, and nothing else holds on to either
    // buffer: the yielded value is carried once and not viewed or handed on, and the body's carried input is only
    // read (not yielded again, viewed, branched out or handed to a nested loop).
    private static bool CarriedInPlace(Node loop, int k, IReadOnlyDictionary<Value, JitType> types, Func<Value, bool> plannable)
    {
        var body = loop.Blocks[0];
        var (result, input, yielded) = (loop.Outputs[k], body.Inputs[k + 1], body.Outputs[k + 1]);
        if (types.GetValueOrDefault(result) is not TensorType { Sizes: { } sizes, DType: { } dtype }
            || types.GetValueOrDefault(input) is not TensorType { Sizes: { } inner, DType: { } innerDType }
            || dtype != innerDType || !sizes.AsSpan().SequenceEqual(inner))
            return false;
        if (yielded.Node.Owner != body || !plannable(yielded)) return false;
        foreach (var use in yielded.Uses)
        {
            bool carriedHere = use.User == body.ReturnNode && use.Offset == k + 1;
            if (!carriedHere && !OnlyRead(use)) return false;
        }

        return input.Uses.All(OnlyRead);
    }

    // A use that reads a tensor and keeps no reference to it past the node.
    private static bool OnlyRead(Use use) => use.User.Kind is not (NodeKinds.Return or NodeKinds.Loop) && !IsView(use.User);

    private static bool IsView(Node n) => n.Op is { Traits: var traits } && (traits & OpTraits.View) != 0;

    // Places one dtype's buffers; returns the elements its arena array needs.
    private static int Place(List<Buffer> buffers)
    {
        var (offsets, end) = FirstFit.Place([.. buffers.Select(b => new FirstFit.Request(b.Elements, b.Start, b.End))], Alignment);
        for (int i = 0; i < buffers.Count; i++) buffers[i].Offset = (int)offsets[i];
        return (int)end;
    }

    // Pre-order positions: a node's start, and the end of its subtree (its blocks' nodes lie in between).
    private sealed class Walk
    {
        private int next;

        public Dictionary<Node, int> Start { get; } = [];

        public Dictionary<Node, int> End { get; } = [];

        public void Number(Block block)
        {
            foreach (var n in block.Nodes)
            {
                Start[n] = next++;
                foreach (var b in n.Blocks) Number(b);
                End[n] = next - 1;
            }
        }
    }

    // Last positions at which values are read, following values into the outputs they become.
    private sealed class Lives(Walk walk)
    {
        private readonly Dictionary<Value, int> memo = [];
        private readonly Dictionary<Value, List<Value>> viewsOf = [];

        public void AddView(Value baseValue, Value view)
        {
            if (!viewsOf.TryGetValue(baseValue, out var list)) viewsOf[baseValue] = list = [];
            list.Add(view);
        }

        public int Last(Value v)
        {
            if (memo.TryGetValue(v, out int known)) return known;
            memo[v] = int.MaxValue; // a cycle through a loop: conservatively forever
            int last = walk.Start.TryGetValue(v.Node, out int s) ? s : 0;
            foreach (var use in v.Uses) last = Math.Max(last, UseEnd(v, use));
            if (viewsOf.TryGetValue(v, out var views))
                foreach (var w in views) last = Math.Max(last, Last(w));
            memo[v] = last;
            return last;
        }

        private int UseEnd(Value v, Use use)
        {
            var user = use.User;
            if (user.Kind == NodeKinds.Return)
            {
                var owner = user.Owner!.OwningNode;
                if (owner is null) return int.MaxValue; // a graph output
                int end = walk.End[owner];
                if (owner.Kind == NodeKinds.If) return Math.Max(end, Last(owner.Outputs[use.Offset]));
                // A loop body's outputs: the condition, then the carried values, which become the loop's outputs.
                return use.Offset == 0 ? end : Math.Max(end, Last(owner.Outputs[use.Offset - 1]));
            }

            if (user.Kind == NodeKinds.Loop && use.Offset >= 2) return Math.Max(walk.End[user], Last(user.Outputs[use.Offset - 2]));

            // Read inside a nested block: alive until the enclosing node at the value's own level ends.
            var defBlock = v.Node.Owner;
            while (user.Owner != defBlock && user.Owner?.OwningNode is { } outer) user = outer;
            return walk.End.TryGetValue(user, out int e) ? e : int.MaxValue;
        }
    }

    private sealed class Buffer(Value value, DType dtype, int elements, int start, int end)
    {
        public Value Value { get; } = value;

        public DType DType { get; } = dtype;

        public int Elements { get; } = elements;

        public int Start { get; } = start;

        public int End { get; } = end;

        public int Offset { get; set; }
    }
}
