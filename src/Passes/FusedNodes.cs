using TorchJit.Ir;

namespace TorchJit.Passes;

/// <summary>What the fusing passes share: one op node standing in for a chain, taking over its result.</summary>
internal static class FusedNodes
{
    /// <summary>
    /// Inserts op <paramref name="kind"/> on <paramref name="inputs"/> before <paramref name="at"/>, with the type,
    /// readers and debug name of <paramref name="replaces"/> (the chain's result). The caller destroys the chain.
    /// </summary>
    public static Node Replace(Graph graph, string kind, IReadOnlyList<Value> inputs, Node at, Value replaces, SourceLocation? source)
    {
        var fused = graph.CreateOp(OpRegistry.Get(kind), inputs, [replaces.Type]);
        fused.Source = source;
        fused.InsertBefore(at);
        string? name = replaces.DebugName;
        replaces.ReplaceAllUsesWith(fused.Output);
        if (name is not null)
        {
            // The chain still holds the name until it is destroyed: take it over now, the old owner becomes name.N.
            fused.Output.SetDebugName(name);
        }

        return fused;
    }
}
