using TorchJit.Ir;

namespace TorchJit.Passes;

/// <summary>
/// Rewrites a loop that has both a trip count and a condition (a C# <c>for</c> with <c>break</c> or
/// <c>return</c> inside) into a <c>while</c> loop with an explicit counter, as PyTorch's
/// <c>canonicalizeModifiedLoops</c> does before printing: no Python loop says "n times, unless", so
/// python_print refuses the combined form. Same results; the counter becomes a carried int.
/// <code>
///   prim::Loop(%n, %c0, %x)                      %go = aten::__and__(aten::lt(0, %n), %c0)
///     block0(%i, %x.1):                     →    prim::Loop(INT64_MAX, %go, %x, 0)
///       ... %i ...                                 block0(%_, %x.1, %i):
///       -> (%c1, %x.2)                               ... %i ...
///                                                    %i.1 = aten::add(%i, 1)
///                                                    -> (aten::__and__(aten::lt(%i.1, %n), %c1), %x.2, %i.1)
/// </code>
/// </summary>
public sealed class CanonicalizeModifiedLoops : IGraphPass
{
    /// <inheritdoc/>
    public string Name => "canonicalize-modified-loops";

    /// <inheritdoc/>
    public bool Run(Graph graph, PassContext context) => RunBlock(graph, graph.Block, context);

    private bool RunBlock(Graph graph, Block block, PassContext context)
    {
        bool changed = false;
        foreach (var n in block.Nodes)
        {
            foreach (var b in n.Blocks) changed |= RunBlock(graph, b, context);
            if (n.Kind != NodeKinds.Loop || CodePrinter.KindOfLoop(n) != CodePrinter.LoopKind.Modified) continue;
            if (!context.AllowRewrite(Name)) break;
            Canonicalize(graph, n);
            changed = true;
        }

        return changed;
    }

    private static void Canonicalize(Graph graph, Node loop)
    {
        var body = loop.Blocks[0];
        var trips = loop.Inputs[0];
        Value zero, one;
        using (graph.InsertPointAt(loop))
        {
            zero = graph.InsertConstant(0L);
            one = graph.InsertConstant(1L);
            var max = graph.InsertConstant(long.MaxValue);
            var start = Insert(graph, "aten::lt.int", zero, trips);
            var go = Insert(graph, "aten::__and__.bool", start, loop.Inputs[1]);
            loop.ReplaceInput(0, max);
            loop.ReplaceInput(1, go);
        }

        loop.AddInput(zero);
        loop.AddOutput(IntType.Instance);
        var counter = body.AddInput(IntType.Instance);
        body.Inputs[0].ReplaceAllUsesWith(counter);
        using (graph.InsertPointAtEnd(body))
        {
            var next = Insert(graph, "aten::add.int", counter, one);
            var below = Insert(graph, "aten::lt.int", next, trips);
            var cond = Insert(graph, "aten::__and__.bool", below, body.Outputs[0]);
            body.ReturnNode.ReplaceInput(0, cond);
            body.AddOutput(next);
        }
    }

    private static Value Insert(Graph graph, string op, Value a, Value b)
    {
        var def = OpRegistry.Get(op);
        var node = graph.CreateOp(def, [a, b]);
        graph.Insert(node);
        return node.Output;
    }
}
