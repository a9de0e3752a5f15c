using TorchJit.Ir;

namespace TorchJit.Passes;

/// <summary>
/// Replaces a pure op node by an earlier one of the same kind, attributes and input values, when the earlier
/// one dominates it (same block, or an enclosing block before the nested node). Constants are left to
/// <see cref="PoolConstants"/>. A node with side effects ends every candidate seen so far, since it may
/// mutate an input the candidates read; nodes owning blocks are never merged.
/// <code>
///   %a = aten::relu(%x)
///   %b = aten::relu(%x)             →   %a = aten::relu(%x)
///   %c = aten::add(%a, %b, %one)         %c = aten::add(%a, %a, %one)
/// </code>
/// </summary>
public sealed class EliminateCommonSubexpressions : IGraphPass
{
    /// <inheritdoc/>
    public string Name => "eliminate-common-subexpressions";

    /// <inheritdoc/>
    public bool Run(Graph graph, PassContext context) => RunBlock(graph.Block, new ScopedTable(null), context);

    private bool RunBlock(Block block, ScopedTable table, PassContext context)
    {
        bool changed = false;
        foreach (var n in block.Nodes)
        {
            foreach (var b in n.Blocks) changed |= RunBlock(b, new ScopedTable(table), context);
            if (n.Blocks.Count > 0 || n.Op is null)
            {
                // Calls and unknown structure nodes may mutate; constants, attribute reads and tuples cannot.
                if (n.Kind is not (NodeKinds.Constant or NodeKinds.GetAttr or NodeKinds.TupleConstruct or NodeKinds.TupleUnpack
                    or NodeKinds.ListConstruct or NodeKinds.If or NodeKinds.Loop or NodeKinds.FusionGroup)) table.Clear();
                continue;
            }

            if (!n.Op.IsPure)
            {
                table.Clear(); // it may write through an alias of anything the table holds
                continue;
            }

            var key = new NodeKey(n);
            if (table.Find(key) is { } earlier && context.AllowRewrite(Name))
            {
                for (int i = 0; i < n.Outputs.Count; i++) n.Outputs[i].ReplaceAllUsesWith(earlier.Outputs[i]);
                n.Destroy();
                changed = true;
                continue;
            }

            table.Add(key, n);
        }

        return changed;
    }

    // Candidates visible in a block: its own plus its enclosing blocks' (up to where the nested node sits).
    private sealed class ScopedTable(ScopedTable? parent)
    {
        private readonly Dictionary<NodeKey, Node> nodes = [];
        private bool cleared;

        public Node? Find(NodeKey key) =>
            nodes.TryGetValue(key, out var n) ? n : cleared ? null : parent?.Find(key);

        public void Add(NodeKey key, Node n) => nodes.TryAdd(key, n);

        public void Clear()
        {
            nodes.Clear();
            cleared = true;
        }
    }

    // Identity of a computation: kind, overload, input values (by reference) and attribute values.
    private readonly struct NodeKey(Node node) : IEquatable<NodeKey>
    {
        private readonly Node node = node;

        public bool Equals(NodeKey other)
        {
            Node a = node, b = other.node;
            if (a.Kind != b.Kind || a.Op != b.Op || a.Inputs.Count != b.Inputs.Count || a.Outputs.Count != b.Outputs.Count
                || a.Attributes.Count != b.Attributes.Count) return false;
            for (int i = 0; i < a.Inputs.Count; i++)
                if (a.Inputs[i] != b.Inputs[i]) return false;
            for (int i = 0; i < a.Attributes.Count; i++)
                if (a.Attributes[i].Key != b.Attributes[i].Key || !ConstantEquality.Same(a.Attributes[i].Value, b.Attributes[i].Value)) return false;
            return true;
        }

        public override bool Equals(object? obj) => obj is NodeKey k && Equals(k);

        public override int GetHashCode()
        {
            var h = new HashCode();
            h.Add(node.Kind);
            foreach (var v in node.Inputs) h.Add(v);
            return h.ToHashCode();
        }
    }
}
