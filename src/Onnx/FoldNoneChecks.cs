using TorchJit.Ir;

namespace TorchJit.Onnx;

/// <summary>
/// Folds <c>x is None</c> / <c>x is not None</c> where the types decide it: None against None, or None against
/// a plain (non-optional) tensor. Optional arguments left at their default (an attention mask not given) then
/// fold their branches away, and ONNX, which has no None, never sees them.
/// </summary>
internal static class FoldNoneChecks
{
    public static bool Run(Graph graph) => FoldBlock(graph, graph.Block);

    private static bool FoldBlock(Graph graph, Block block)
    {
        bool changed = false;
        foreach (var n in block.Nodes)
        {
            foreach (var sub in n.Blocks) changed |= FoldBlock(graph, sub);
            bool negate = n.Kind == "aten::__isnot__";
            if (n.Kind != "aten::__is__" && !negate) continue;
            if (Same(n.Inputs[0], n.Inputs[1]) is not { } same) continue;
            using (graph.InsertPointAt(n))
            {
                n.Output.ReplaceAllUsesWith(graph.InsertConstant(same != negate));
            }

            n.Destroy();
            changed = true;
        }

        return changed;
    }

    // true: both None; false: one None, the other never None; null: it depends on run time.
    private static bool? Same(Value a, Value b) => (IsNone(a), IsNone(b)) switch
    {
        (true, true) => true,
        (true, false) when NeverNone(b) => false,
        (false, true) when NeverNone(a) => false,
        _ => null,
    };

    private static bool IsNone(Value v) => v.Type is NoneType || (v.IsConstant && v.ConstantValue is null);

    private static bool NeverNone(Value v) => v.Type is not (OptionalType or NoneType);
}
