using ICSharpCode.Decompiler.IL;
using TorchJit.Ir;
using ILBlock = ICSharpCode.Decompiler.IL.Block;
using IrBlock = TorchJit.Ir.Block;

namespace TorchJit.Frontend;

/// <summary>
/// Loops as <c>prim::Loop(max_trip_count, initial_condition, carried...)</c> with a body
/// <c>block0(%i, carried...) -> (condition, carried...)</c>, as TorchScript emits them:
/// <list type="bullet">
/// <item><c>for (int i = s; i &lt; n; i++)</c> with a loop-invariant <c>n</c> is <c>for i in range(n)</c>:
/// trip count <c>n - s</c>, condition constant true, <c>i</c> the iteration number (plus <c>s</c>).</item>
/// <item><c>while (c)</c> evaluates <c>c</c> before the loop (the initial condition) and at the end of each
/// iteration (the body's condition output), with trip count int64 max.</item>
/// <item>Anything else (<c>do</c>, <c>while (true)</c>, for loops of other shapes) runs its head inside
/// the body, with initial condition true.</item>
/// </list>
/// Note [Loop exits]: every local assigned in the loop is carried. The body is emitted until each path
/// reaches the loop's continue point or leaves the loop. <c>break</c> makes the condition false;
/// <c>return</c> (or a jump out of several loops) also makes it false, and the loop carries which exit
/// was taken and the returned value out, as TorchScript's exit transform carries its did-return flag; the
/// code after the loop dispatches on it.
/// </summary>
internal sealed partial class MethodScripter
{
    private const long MaxTripCount = long.MaxValue;

    private Outcome Loop(BlockContainer loop, Cont after, Env env, IrBlock gb)
    {
        containerExits[loop] = after;
        var range = RangeLoop(loop, env);
        var head = loop.EntryPoint;
        var test = range is null && loop.Kind is ContainerKind.While or ContainerKind.For ? HeadTest(loop) : null;
        var carried = Carried(loop, env, range?.Index);

        // Inputs: the trip count and initial condition, then the carried values.
        Value tripCount, initial;
        ILBlock continueBlock;
        if (range is not null)
        {
            var bound = Expr(range.Bound, env, null);
            tripCount = range.Start.Node.Kind == NodeKinds.Constant && range.Start.Node.Attribute("value") is 0L ? bound : Emit("aten::sub.int", range.Bound, bound, range.Start);
            if (range.Inclusive) tripCount = Emit("aten::add.int", range.Bound, tripCount, graph.InsertConstant(1L));
            initial = graph.InsertConstant(true);
            continueBlock = range.Increment;
        }
        else
        {
            tripCount = graph.InsertConstant(MaxTripCount);
            initial = test is not null ? Condition(test.Condition, env) : graph.InsertConstant(true);
            continueBlock = head;
        }

        var node = graph.Create(NodeKinds.Loop).AddInput(tripCount).AddInput(initial);
        node.Source = Locate(loop);
        foreach (var (variable, type) in carried)
            node.AddInput(env.TryGet(variable, out var init) ? init : Uninitialized(type));
        graph.Insert(node);
        var body = node.AddBlock();
        var iteration = body.AddInput(IntType.Instance, range is not null && IsUserName(range.Index.Name) ? range.Index.Name : null);
        var bodyEnv = env.Clone();
        foreach (var (variable, type) in carried)
            bodyEnv.Set(variable, body.AddInput(type, IsUserName(variable.Name) ? variable.Name : null));
        foreach (var variable in Assigned(loop))
            if (!carried.Any(c => c.Variable == variable)) bodyEnv.Remove(variable);

        stops.Add(continueBlock);
        var outerBody = loopBody;
        loopBody = loop;
        Outcome outcome;
        try
        {
            if (range is not null)
            {
                using (graph.InsertPointAtEnd(body))
                    bodyEnv.Set(range.Index, range.Start.Node.Kind == NodeKinds.Constant && range.Start.Node.Attribute("value") is 0L ? iteration : Emit("aten::add.int", range.Bound, range.Start, iteration));
                outcome = Enter(range.Enter, head, bodyEnv, body, loop);
            }
            else if (test is not null)
            {
                outcome = Enter(test.TrueInst, head, bodyEnv, body, loop);
            }
            else
            {
                outcome = Run(new Cont(head, 0, after), bodyEnv, body, loop, entering: true);
            }
        }
        finally
        {
            stops.Remove(continueBlock);
            loopBody = outerBody;
        }

        return AfterLoop(node, outcome, new Exit(PlaceOf(continueBlock)), range is not null || test is not null, test, carried, env, loop);
    }

    // Starts a loop body at one arm of its head test.
    private Outcome Enter(ILInstruction arm, ILBlock head, Env env, IrBlock body, BlockContainer loop)
    {
        var outcome = Arm(arm, new Cont(head, 1, ExitOf(loop)), env, body);
        if (outcome.IsSingle && !outcome.Only.IsReturn && Inside(outcome.Only.Place!, loop)) return Run(outcome.Only.Place!, outcome.Env, body, loop);
        return HasInside(outcome, loop) ? Dispatch(outcome, body, loop) : outcome;
    }

    /// <summary>Finishes the body's outputs and says how control goes on after the loop (Note [Loop exits]).</summary>
    private Outcome AfterLoop(Node node, Outcome outcome, Exit next, bool canFinish, IfInstruction? test, List<(ILVariable Variable, JitType Type)> carried, Env env, BlockContainer loop)
    {
        var body = node.Blocks[0];
        var leaving = outcome.Exits.Where(e => !e.Same(next)).ToList();
        using (graph.InsertPointAtEnd(body))
        {
            // The condition: go on when the iteration reached the continue point (and the while test holds).
            Value cond;
            if (!outcome.Has(next)) cond = graph.InsertConstant(false);
            else if (leaving.Count == 0) cond = test is not null ? Condition(test.Condition, outcome.Env) : graph.InsertConstant(true);
            else
            {
                var goOn = Emit("aten::eq.int", null, outcome.Code!, graph.InsertConstant(ExitNumber(next)));
                cond = test is null ? goOn : WhileTest(goOn, test, outcome.Env);
            }

            body.AddOutput(cond);
            foreach (var (variable, type) in carried)
            {
                var value = outcome.Env.TryGet(variable, out var v) ? v : Uninitialized(type);
                if (!type.Accepts(value.Type))
                    throw Error(loop, $"local '{variable.Name}' is {type} before the loop but {value.Type} at the end of an iteration");
                body.AddOutput(value);
            }
        }

        var after = env.Clone();
        after.Remove(Env.ReturnSlot);
        for (int i = 0; i < carried.Count; i++)
        {
            var output = node.AddOutput(carried[i].Type);
            if (IsUserName(carried[i].Variable.Name)) output.SetDebugName(carried[i].Variable.Name!);
            after.Set(carried[i].Variable, output);
        }

        foreach (var variable in Assigned(loop))
            if (!carried.Any(c => c.Variable == variable)) after.Remove(variable);

        // Ending by the trip count or the test is the same as break: on to the statement after the loop.
        var breakExit = new Exit(Settle(ExitOf(loop)!));
        var exits = leaving.ToList();
        if (canFinish && !exits.Any(e => e.Same(breakExit))) exits.Add(breakExit);
        if (exits.Count == 0) return Outcome.Raised();
        if (exits.Count == 1 && !exits[0].IsReturn) return Outcome.Reached(exits[0].Place!, after);

        // Several ways out, or a return: carry the exit taken and the returned value out of the loop.
        Value? code = null;
        if (exits.Count > 1)
        {
            using (graph.InsertPointAt(node)) node.AddInput(graph.InsertConstant(ExitNumber(next)));
            body.AddInput(IntType.Instance);
            using (graph.InsertPointAtEnd(body)) body.AddOutput(outcome.IsSingle ? graph.InsertConstant(ExitNumber(outcome.Only)) : outcome.Code!);
            code = node.AddOutput(IntType.Instance);
            if (canFinish)
            {
                // The loop also stops when the trip count or the test runs out after an iteration that went on: that is the break exit.
                var finished = Emit("aten::eq.int", null, code, graph.InsertConstant(ExitNumber(next)));
                var remap = graph.Create(NodeKinds.If).AddInput(finished);
                graph.Insert(remap);
                var toBreak = remap.AddBlock();
                var keep = remap.AddBlock();
                using (graph.InsertPointAtEnd(toBreak)) toBreak.AddOutput(graph.InsertConstant(ExitNumber(breakExit)));
                keep.AddOutput(code);
                code = remap.AddOutput(IntType.Instance);
            }
        }

        if (exits.Any(e => e.IsReturn))
        {
            var returned = outcome.Env.TryGet(Env.ReturnSlot, out var r) ? r : throw Error(loop, "a return inside the loop has no value");
            using (graph.InsertPointAt(node)) node.AddInput(Uninitialized(returned.Type));
            body.AddInput(returned.Type);
            body.AddOutput(returned);
            after.Set(Env.ReturnSlot, node.AddOutput(returned.Type));
        }

        return new Outcome(exits, code, after);
    }

    // if (goOn) { test } else { false }
    private Value WhileTest(Value goOn, IfInstruction test, Env env)
    {
        var node = graph.Create(NodeKinds.If).AddInput(goOn);
        graph.Insert(node);
        var thenBlock = node.AddBlock();
        var elseBlock = node.AddBlock();
        using (graph.InsertPointAtEnd(thenBlock)) thenBlock.AddOutput(Condition(test.Condition, env.Clone()));
        using (graph.InsertPointAtEnd(elseBlock)) elseBlock.AddOutput(graph.InsertConstant(false));
        return node.AddOutput(BoolType.Instance);
    }

    // The locals assigned anywhere in the loop, in order of first assignment.
    private static List<ILVariable> Assigned(BlockContainer loop) =>
        loop.Descendants.OfType<StLoc>().Select(s => s.Variable).Distinct().ToList();

    /// <summary>The locals the loop carries, with their types (Note [Loop exits]).</summary>
    private List<(ILVariable Variable, JitType Type)> Carried(BlockContainer loop, Env env, ILVariable? index)
    {
        var result = new List<(ILVariable, JitType)>();
        foreach (var variable in Assigned(loop))
        {
            if (variable == index) continue;
            if (variable.AddressCount > 0) throw Error(loop, $"local '{variable.Name}' is used by reference in a loop, which cannot be scripted");
            var declared = ClrTypes.ToJit(ClrTypes.FromIlType(variable.Type));
            if (env.TryGet(variable, out var init))
            {
                // A local that starts as null and gets a tensor in the loop is an optional tensor.
                var type = init.Type is NoneType && declared is TensorType ? new OptionalType(TensorType.Any) : init.Type;
                result.Add((variable, type));
            }
            else if (declared is not null)
            {
                result.Add((variable, declared));
            }
        }

        return result;
    }

    // while (c): the head is one `if (c) <body> else leave loop`.
    private static IfInstruction? HeadTest(BlockContainer loop) =>
        loop.EntryPoint.Instructions is [IfInstruction test] && test.FalseInst is Leave { Value: Nop } leave && leave.TargetContainer == loop ? test : null;

    private sealed record Range(ILVariable Index, Value Start, ILInstruction Bound, bool Inclusive, ILBlock Increment, ILInstruction Enter);

    /// <summary>
    /// <c>for (i = start; i &lt; bound; i++)</c>: the head tests <c>i &lt; bound</c> (or <c>&lt;=</c>), one block adds 1
    /// to <c>i</c> and goes back to the head, nothing else writes <c>i</c> or reads it after the loop, and the
    /// bound does not change in the loop. Null when the loop has another shape.
    /// </summary>
    private Range? RangeLoop(BlockContainer loop, Env env)
    {
        if (loop.Kind != ContainerKind.For || HeadTest(loop) is not { Condition: Comp comp } test) return null;
        if (comp.Kind is not (ComparisonKind.LessThan or ComparisonKind.LessThanOrEqual) || comp.Sign == ICSharpCode.Decompiler.TypeSystem.Sign.Unsigned
            || comp.InputType is not (StackType.I4 or StackType.I8) || comp.LiftingKind != ComparisonLiftingKind.None) return null;
        if (!comp.Left.MatchLdLoc(out var index) || index.Kind is not (VariableKind.Local or VariableKind.StackSlot) || index.AddressCount > 0) return null;
        if (!env.TryGet(index, out var start) || start.Type is not IntType) return null;
        var back = loop.Descendants.OfType<Branch>().Where(b => b.TargetBlock == loop.EntryPoint).ToList();
        if (back is not [{ Parent: ILBlock increment } backEdge] || increment.Parent != loop || increment.Instructions is not [StLoc step, _] || increment.Instructions[1] != backEdge) return null;
        if (step.Variable != index || step.Value is not BinaryNumericInstruction { Operator: BinaryNumericOperator.Add, CheckForOverflow: false } add
            || !add.Left.MatchLdLoc(index) || !IsOne(add.Right)) return null;
        if (index.StoreInstructions.Any(s => s != step && ((ILInstruction)s).IsDescendantOf(loop)) || index.LoadInstructions.Any(l => !l.IsDescendantOf(loop))) return null;
        if (!IsInvariant(comp.Right, loop)) return null;
        return new Range(index, start, comp.Right, comp.Kind == ComparisonKind.LessThanOrEqual, increment, test.TrueInst);
    }

    private static bool IsOne(ILInstruction inst) => inst.MatchLdcI4(1) || (inst.MatchLdcI8(out long one) && one == 1) || (inst is Conv c && IsOne(c.Argument));

    /// <summary>True when <paramref name="inst"/> gives the same value on every iteration: locals the loop does not write, constants, fields, shapes and pure ops.</summary>
    private bool IsInvariant(ILInstruction inst, BlockContainer loop)
    {
        switch (inst)
        {
            case LdLoc ld:
                return !ld.Variable.StoreInstructions.Any(s => ((ILInstruction)s).IsDescendantOf(loop)) && ld.Variable.AddressCount == 0;
            case LdcI4 or LdcI8 or LdcF8 or LdcF4:
                return true;
            case Conv or BinaryNumericInstruction or LdObj or LdFlda or AddressOf:
                return inst.Children.All(c => IsInvariant(c, loop));
            case CallInstruction call when IsPureCall(call):
                return call.Arguments.All(a => IsInvariant(a, loop));
            default:
                return false;
        }
    }
}
