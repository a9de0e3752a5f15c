using TorchJit.Ir;

namespace TorchJit.Passes;

/// <summary>
/// Unrolls a <c>prim::Loop</c> that runs a small constant number of times and cannot exit early (initial
/// condition the constant True, body condition the constant True): the body is copied once per trip with the
/// induction variable a constant, so constant propagation can fold what depended on it and the fuser sees
/// straight-line code. Loops of more than <see cref="MaxTrips"/> trips or bodies of more than
/// <see cref="MaxBodyNodes"/> nodes are left alone (code size), as are loops with a data-dependent exit.
/// <code>
///   %y = prim::Loop(%three, %true, %x)          %y.1 = aten::mul(%x, %x)
///     block0(%i, %acc):                    →    %y.2 = aten::mul(%y.1, %x)
///       %next = aten::mul(%acc, %x)             %y   = aten::mul(%y.2, %x)
///       -> (%true, %next)
/// </code>
/// </summary>
public sealed class UnrollLoops : IGraphPass
{
    /// <summary>The most trips a loop may have to be unrolled.</summary>
    public const int MaxTrips = 8;

    /// <summary>The most nodes a body may hold to be unrolled.</summary>
    public const int MaxBodyNodes = 32;

    /// <inheritdoc/>
    public string Name => "unroll-loops";

    /// <inheritdoc/>
    public bool Run(Graph graph, PassContext context) => RunBlock(graph, graph.Block, context);

    private bool RunBlock(Graph graph, Block block, PassContext context)
    {
        bool changed = false;
        foreach (var n in block.Nodes)
        {
            foreach (var b in n.Blocks) changed |= RunBlock(graph, b, context);
            if (n.Kind != NodeKinds.Loop || WhyNot(n) is { } reason)
            {
                if (n.Kind == NodeKinds.Loop) context.Log?.Invoke($"{Name}: not unrolling: {WhyNot(n)}");
                continue;
            }

            if (!context.AllowRewrite(Name)) break;
            Unroll(graph, n);
            changed = true;
        }

        return changed;
    }

    private static string? WhyNot(Node loop)
    {
        if (loop.Inputs[0].ConstantValue is not long trips) return "the trip count is not a constant";
        if (trips > MaxTrips) return $"{trips} trips (more than {MaxTrips})";
        if (loop.Inputs[1].ConstantValue is not true) return "the initial condition is not the constant True";
        var body = loop.Blocks[0];
        if (body.Outputs[0].ConstantValue is not true) return "the body computes its exit condition";
        if (body.Nodes.Count() > MaxBodyNodes) return $"the body has more than {MaxBodyNodes} nodes";
        return null;
    }

    private static void Unroll(Graph graph, Node loop)
    {
        long trips = (long)loop.Inputs[0].ConstantValue!;
        var body = loop.Blocks[0];
        var carried = loop.Inputs.Skip(2).ToList();
        using (graph.InsertPointAt(loop))
        {
            for (long i = 0; i < trips; i++)
            {
                var results = GraphCopy.InsertBlock(graph, body, [graph.InsertConstant(i), .. carried]);
                carried = [.. results.Skip(1)]; // results[0] is the (constant True) condition
            }
        }

        for (int i = 0; i < loop.Outputs.Count; i++) loop.Outputs[i].ReplaceAllUsesWith(carried[i]);
        loop.Destroy();
    }
}
