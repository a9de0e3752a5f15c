using TorchJit.Ir;
using TorchJit.Kernels;

namespace TorchJit.Passes;

/// <summary>Where one intermediate tensor lives in a call's arena.</summary>
/// <param name="Buffer">The buffer it occupies; values computed in place share their input's buffer.</param>
/// <param name="Offset">Byte offset of the buffer in the arena (64-byte aligned).</param>
/// <param name="Bytes">Bytes the buffer needs.</param>
public readonly record struct BufferSlot(int Buffer, long Offset, long Bytes);

/// <summary>The memory plan of one call: a slot per planned intermediate, and the arena that holds them all.</summary>
public sealed class MemoryPlan
{
    internal MemoryPlan(Dictionary<Value, BufferSlot> slots, long arenaBytes, long separateBytes, List<(Value Output, Value Input)> inPlace, List<(Value Value, string Why)> unplanned)
    {
        Slots = slots;
        ArenaBytes = arenaBytes;
        SeparateBytes = separateBytes;
        InPlace = inPlace;
        Unplanned = unplanned;
    }

    /// <summary>Each planned value's slot (views share their base's).</summary>
    public IReadOnlyDictionary<Value, BufferSlot> Slots { get; }

    /// <summary>The arena of one call: the end of the highest slot.</summary>
    public long ArenaBytes { get; }

    /// <summary>What the planned values take with a buffer each, as eager mode allocates them.</summary>
    public long SeparateBytes { get; }

    /// <summary>Outputs written over an input that dies at that op (elementwise ops only).</summary>
    public IReadOnlyList<(Value Output, Value Input)> InPlace { get; }

    /// <summary>Tensor values left to the allocator, with the reason (unknown size, graph output, inside a block).</summary>
    public IReadOnlyList<(Value Value, string Why)> Unplanned { get; }

    /// <summary>One line per slot, then the totals: what the CLI prints.</summary>
    public string Describe()
    {
        var sb = new System.Text.StringBuilder();
        foreach (var (v, s) in Slots.OrderBy(p => p.Value.Offset).ThenBy(p => p.Key.Unique))
            sb.AppendLine($"%{v.Name}: buffer {s.Buffer} at {s.Offset}, {s.Bytes} bytes");
        foreach (var (o, i) in InPlace) sb.AppendLine($"%{o.Name} reuses %{i.Name} in place");
        foreach (var (v, why) in Unplanned) sb.AppendLine($"%{v.Name}: not planned ({why})");
        sb.Append($"arena {ArenaBytes} bytes for {SeparateBytes} bytes of intermediates");
        return sb.ToString();
    }
}

/// <summary>
/// Plans where a graph's intermediate tensors live, as PyTorch's static runtime and ONNX Runtime's memory
/// pattern planner do: from the input signature every size is known, each value lives from its node to its
/// last use, views keep their base alive, an elementwise op whose input dies there writes over it, and buffers
/// whose lifetimes do not overlap share arena bytes (first fit, largest first). Graph outputs are not planned:
/// they leave the call. Codegen hands each op its slot of a per-call arena instead of allocating.
/// </summary>
public static class MemoryPlanner
{
    private const int Alignment = 64;

    /// <summary>The plan for <paramref name="graph"/> called with inputs of <paramref name="inputTypes"/> (complete types).</summary>
    public static MemoryPlan Plan(Graph graph, IReadOnlyList<JitType> inputTypes)
    {
        var types = ShapeInference.Infer(graph, inputTypes);
        var nodes = graph.Block.Nodes.ToList();
        var position = new Dictionary<Node, int>();
        for (int i = 0; i < nodes.Count; i++) position[nodes[i]] = i;

        var bufferOf = new Dictionary<Value, int>();   // planned value -> buffer
        var buffers = new List<Buffer>();
        var inPlace = new List<(Value, Value)>();
        var unplanned = new List<(Value, string)>();
        var outputs = new HashSet<Value>(graph.Outputs);

        for (int i = 0; i < nodes.Count; i++)
        {
            var n = nodes[i];
            if (n.Kind == NodeKinds.Constant) continue;
            foreach (var v in n.Outputs)
            {
                if (v.Type is not TensorType) continue;
                if (n.Op is { Traits: var traits } && (traits & OpTraits.View) != 0)
                {
                    // A view reads its base's bytes: it extends the base's life and needs none of its own. (A
                    // reshape that has to copy allocates that copy itself: planning it as a view is conservative.)
                    if (bufferOf.TryGetValue(n.Inputs[0], out int baseBuffer))
                    {
                        bufferOf[v] = baseBuffer;
                        Extend(buffers[baseBuffer], LastUse(v, position, outputs));
                    }
                    else
                    {
                        unplanned.Add((v, "a view of an input or constant"));
                    }

                    continue;
                }

                if (outputs.Contains(v))
                {
                    unplanned.Add((v, "graph output"));
                    continue;
                }

                if (n.Blocks.Count > 0 || n.Op is null)
                {
                    unplanned.Add((v, $"result of {n.Kind}"));
                    continue;
                }

                if (Bytes(types.GetValueOrDefault(v)) is not long bytes)
                {
                    unplanned.Add((v, "size unknown from the input signature"));
                    continue;
                }

                int last = LastUse(v, position, outputs);
                if (InPlaceCandidate(n, i, bytes, bufferOf, buffers) is { } input)
                {
                    int shared = bufferOf[input];
                    bufferOf[v] = shared;
                    Extend(buffers[shared], last);
                    inPlace.Add((v, input));
                    continue;
                }

                bufferOf[v] = buffers.Count;
                buffers.Add(new Buffer(bytes, i, last));
            }
        }

        // A view that escapes as a graph output pins its base: the base cannot live in the arena.
        foreach (var o in graph.Outputs)
            if (bufferOf.TryGetValue(o, out int b)) buffers[b].Escapes = true;

        Place(buffers);
        var slots = new Dictionary<Value, BufferSlot>();
        foreach (var (v, b) in bufferOf)
        {
            if (buffers[b].Escapes)
            {
                if (!outputs.Contains(v)) unplanned.Add((v, "a view of it is returned"));
                continue;
            }

            slots[v] = new BufferSlot(b, buffers[b].Offset, buffers[b].Bytes);
        }

        long arena = buffers.Where(b => !b.Escapes).Select(b => b.Offset + b.Bytes).DefaultIfEmpty(0).Max();
        long separate = bufferOf.Keys.Where(v => slots.ContainsKey(v) && !IsView(v)).Sum(v => slots[v].Bytes);
        return new MemoryPlan(slots, arena, separate, inPlace, unplanned);
    }

    // An elementwise op may overwrite an input of its own size whose buffer no one reads after this node.
    private static Value? InPlaceCandidate(Node n, int at, long bytes, Dictionary<Value, int> bufferOf, List<Buffer> buffers)
    {
        if (n.Op is not { Traits: var traits } || (traits & OpTraits.Elementwise) == 0) return null;
        foreach (var input in n.Inputs)
        {
            if (!bufferOf.TryGetValue(input, out int b)) continue;
            var buffer = buffers[b];
            if (buffer.Bytes == bytes && buffer.End == at && !buffer.Escapes) return input;
        }

        return null;
    }

    private static void Place(List<Buffer> buffers)
    {
        var kept = buffers.Where(b => !b.Escapes).ToList();
        var (offsets, _) = FirstFit.Place([.. kept.Select(b => new FirstFit.Request(b.Bytes, b.Start, b.End))], Alignment);
        for (int i = 0; i < kept.Count; i++) kept[i].Offset = offsets[i];
    }

    private static int LastUse(Value v, Dictionary<Node, int> position, HashSet<Value> outputs)
    {
        if (outputs.Contains(v)) return int.MaxValue;
        int last = position[v.Node];
        foreach (var use in v.Uses)
        {
            var user = use.User;
            while (!position.ContainsKey(user)) user = user.Owner!.OwningNode ?? throw new InvalidOperationException($"%{v.Name} is read outside the graph");
            last = Math.Max(last, position[user]);
        }

        return last;
    }

    private static void Extend(Buffer b, int last) => b.End = Math.Max(b.End, last);

    private static bool IsView(Value v) => v.Node.Op is { Traits: var t } && (t & OpTraits.View) != 0;

    private static long? Bytes(JitType? t) => t is TensorType { Sizes: { } s, DType: { } d }
        ? Align(Broadcasting.NumElements(s) * DTypes.ElementSize(d))
        : null;

    private static long Align(long bytes) => FirstFit.Align(bytes, Alignment);

    private sealed class Buffer(long bytes, int start, int end)
    {
        public long Bytes { get; } = bytes;

        public int Start { get; } = start;

        public int End { get; set; } = end;

        public long Offset { get; set; }

        public bool Escapes { get; set; }
    }
}
