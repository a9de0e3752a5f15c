using TorchJit.Ir;
using TorchJit.Passes;

namespace TorchJit.Frontend;

/// <summary>
/// Tidies a freshly scripted graph, as TorchScript's frontend runs dead code elimination after emitting
/// a function: the emitter carries every local through ifs and loops (Note [Exits], Note [Loop exits]),
/// and most of them are not needed. <see cref="EliminateDeadCode"/> removes them (unused <c>prim::If</c>
/// outputs, loop-carried values that nothing reads, unused side-effect-free nodes; calls and raises stay). Two
/// rewrites here fold the exit numbers away where the ifs choosing them are plain:
/// <code>
///   %c = prim::If(%b) -> (0) | (%d) ; %t = aten::eq(%c, 0)  →   %t = prim::If(%b) -> (True) | (aten::eq(%d, 0))
///   %t = prim::If(%b) -> (True) | (False)                       →   %b   (and (False) | (True) → not %b)
/// </code>
/// </summary>
internal static class ScriptCleanup
{
    public static void Run(Graph graph)
    {
        // Dead code (unused If outputs, dead carried values, unused pure nodes) is the optimizer's pass; what is
        // particular to freshly scripted graphs is folding the exit numbers, which exposes more dead code.
        var deadCode = new EliminateDeadCode();
        var context = new PassContext(PassOptions.Default);
        while (FoldBlock(graph.Block) | deadCode.Run(graph, context))
        {
        }
    }

    private static bool FoldBlock(Block block)
    {
        bool changed = false;
        foreach (var n in block.Nodes)
        {
            foreach (var b in n.Blocks) changed |= FoldBlock(b);
            if (n.Kind == NodeKinds.If) changed |= FoldConstantOutputs(n);
        }

        return changed;
    }

    private static bool FoldConstantOutputs(Node n)
    {
        bool changed = false;
        for (int i = 0; i < n.Outputs.Count; i++)
        {
            var output = n.Outputs[i];
            var values = n.Blocks.Select(b => b.Outputs[i].Node.Kind == NodeKinds.Constant ? b.Outputs[i].Node.Attribute("value") : null).ToArray();
            if (output.Uses.Count == 0) continue;
            if (values is [true, false] && output.Type is BoolType)
            {
                // if b: True else: False is b.
                output.ReplaceAllUsesWith(n.Inputs[0]);
                changed = true;
                continue;
            }

            if (values is [false, true] && output.Type is BoolType)
            {
                // if b: False else: True is not b.
                using (n.Graph.InsertPointAt(n))
                {
                    var not = n.Graph.CreateOp(OpRegistry.Get("aten::__not__"), [n.Inputs[0]]);
                    n.Graph.Insert(not);
                    output.ReplaceAllUsesWith(not.Output);
                }

                changed = true;
                continue;
            }

            if (values is [{ } first, { } second] && first.Equals(second) && first is bool or long)
            {
                // Both arms give the same constant.
                using (n.Graph.InsertPointAt(n)) output.ReplaceAllUsesWith(n.Graph.InsertConstant(first));
                changed = true;
                continue;
            }

            if (output.Type is not IntType) continue;
            foreach (var use in output.Uses.ToArray())
            {
                if (use.User.Op?.QualifiedName != "aten::eq.int") continue;
                var other = use.User.Inputs[1 - use.Offset];
                if (other.Node.Kind != NodeKinds.Constant || other.Node.Attribute("value") is not long k) continue;
                // Sink the comparison into the arms, where the exit number is usually a constant.
                for (int b = 0; b < 2; b++)
                {
                    var arm = n.Blocks[b];
                    var value = arm.Outputs[i];
                    using var insert = n.Graph.InsertPointAtEnd(arm);
                    Value test;
                    if (value.Node.Kind == NodeKinds.Constant && value.Node.Attribute("value") is long c) test = n.Graph.InsertConstant(c == k);
                    else if (value.Node.Kind == NodeKinds.Uninitialized) test = n.Graph.InsertConstant(false); // a path that raised
                    else
                    {
                        var eq = n.Graph.CreateOp(use.User.Op, [value, n.Graph.InsertConstant(k)]);
                        n.Graph.Insert(eq);
                        test = eq.Output;
                    }

                    arm.AddOutput(test);
                }

                use.User.Output.ReplaceAllUsesWith(n.AddOutput(BoolType.Instance));
                changed = true;
            }
        }

        return changed;
    }
}
