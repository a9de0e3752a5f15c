using TorchJit.Ir;

namespace TorchJit.Frontend;

/// <summary>
/// Tidies a freshly scripted graph, as TorchScript's frontend runs dead code elimination after emitting
/// a function: the emitter carries every local through ifs and loops (Note [Exits], Note [Loop exits]),
/// and most of them are not needed. Removes unused <c>prim::If</c> outputs, loop-carried values that
/// nothing reads, and side-effect-free nodes whose outputs are unused. Calls and raises stay. Two
/// rewrites fold the exit numbers away where the ifs choosing them are plain:
/// <code>
///   %c = prim::If(%b) -> (0) | (%d) ; %t = aten::eq(%c, 0)  →   %t = prim::If(%b) -> (True) | (aten::eq(%d, 0))
///   %t = prim::If(%b) -> (True) | (False)                       →   %b   (and (False) | (True) → not %b)
/// </code>
/// </summary>
internal static class ScriptCleanup
{
    public static void Run(Graph graph)
    {
        while (RunBlock(graph.Block))
        {
        }
    }

    private static bool RunBlock(Block block)
    {
        bool changed = false;
        foreach (var n in block.NodesReversed)
        {
            if (n.Kind == NodeKinds.If) changed |= FoldConstantOutputs(n) | RemoveUnusedIfOutputs(n);
            if (n.Kind == NodeKinds.Loop) changed |= RemoveDeadCarried(n);
            foreach (var b in n.Blocks) changed |= RunBlock(b);
            if (n.Outputs.All(o => o.Uses.Count == 0) && Removable(n))
            {
                n.Destroy();
                changed = true;
            }
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

    private static bool RemoveUnusedIfOutputs(Node n)
    {
        bool changed = false;
        for (int i = n.Outputs.Count - 1; i >= 0; i--)
        {
            if (n.Outputs[i].Uses.Count > 0) continue;
            foreach (var b in n.Blocks) b.ReturnNode.RemoveInput(i);
            n.RemoveOutput(i);
            changed = true;
        }

        return changed;
    }

    // A carried value is dead when the loop's output is unused and the body only passes its input on to the next iteration.
    private static bool RemoveDeadCarried(Node loop)
    {
        bool changed = false;
        var body = loop.Blocks[0];
        for (int c = loop.Outputs.Count - 1; c >= 0; c--)
        {
            var input = body.Inputs[c + 1];
            if (loop.Outputs[c].Uses.Count > 0 || input.Uses.Any(u => !(u.User == body.ReturnNode && u.Offset == c + 1))) continue;
            body.ReturnNode.RemoveInput(c + 1);
            body.ParamNode.RemoveOutput(c + 1);
            loop.RemoveInput(c + 2);
            loop.RemoveOutput(c);
            changed = true;
        }

        return changed;
    }

    private static bool Removable(Node n) => n.Kind switch
    {
        NodeKinds.Constant or NodeKinds.GetAttr or NodeKinds.TupleConstruct or NodeKinds.TupleUnpack or NodeKinds.ListConstruct or NodeKinds.Uninitialized => true,
        NodeKinds.If or NodeKinds.Loop => n.Blocks.All(b => b.Nodes.All(Removable)),
        _ => n.Op is { IsPure: true },
    };
}
