using TorchJit.Ir;

namespace TorchJit.Passes;

/// <summary>
/// Gives each distinct constant one <c>prim::Constant</c> node at the start of the graph, as TorchScript's
/// ConstantPooling does: duplicates (equal type and value, see <see cref="ConstantEquality"/>) are merged, and
/// constants inside blocks are hoisted out, since a constant has no inputs and is valid everywhere. Later
/// passes then see one value per constant (CSE matches <c>add(%x, %c)</c> with itself), and the printer and
/// codegen emit each once.
/// <code>
///   %a = prim::Constant[value=1]()          %a = prim::Constant[value=1]()
///   %y = aten::add(%x, %x, %a)          →   %y = aten::add(%x, %x, %a)
///   %b = prim::Constant[value=1]()          %z = aten::mul(%y, %a)
///   %z = aten::mul(%y, %b)
/// </code>
/// </summary>
public sealed class PoolConstants : IGraphPass
{
    /// <inheritdoc/>
    public string Name => "pool-constants";

    /// <inheritdoc/>
    public bool Run(Graph graph, PassContext context)
    {
        var constants = new List<Node>();
        Collect(graph.Block, constants);
        var pool = new Dictionary<ConstantKey, Node>();
        Node anchor = graph.Block.ParamNode; // hoisted constants go after this one, in first-seen order
        bool changed = false;
        foreach (var c in constants)
        {
            var key = new ConstantKey(c);
            if (pool.TryGetValue(key, out var kept))
            {
                if (!context.AllowRewrite(Name)) continue;
                c.Output.ReplaceAllUsesWith(kept.Output);
                c.Destroy();
                changed = true;
                continue;
            }

            pool.Add(key, c);
            if (anchor.Next != c)
            {
                c.MoveBefore(anchor.Next!);
                changed = true;
            }

            anchor = c;
        }

        return changed;
    }

    private static void Collect(Block block, List<Node> constants)
    {
        foreach (var n in block.Nodes)
        {
            if (n.Kind == NodeKinds.Constant) constants.Add(n);
            foreach (var b in n.Blocks) Collect(b, constants);
        }
    }

    private readonly struct ConstantKey(Node node) : IEquatable<ConstantKey>
    {
        private readonly object? value = node.Attribute("value");
        private readonly string type = node.Output.Type.ToString() ?? "";

        public bool Equals(ConstantKey other) => type == other.type && ConstantEquality.Same(value, other.value);

        public override bool Equals(object? obj) => obj is ConstantKey k && Equals(k);

        public override int GetHashCode() => HashCode.Combine(type, ConstantEquality.Hash(value));
    }
}
