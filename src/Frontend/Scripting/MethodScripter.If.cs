using ICSharpCode.Decompiler.IL;
using ICSharpCode.Decompiler.TypeSystem;
using TorchJit.Ir;
using TupleType = TorchJit.Ir.TupleType;
using ILBlock = ICSharpCode.Decompiler.IL.Block;
using IrBlock = TorchJit.Ir.Block;

namespace TorchJit.Frontend;

/// <summary><c>if</c> statements and conditional expressions as <c>prim::If</c> (see Note [Early return]).</summary>
internal sealed partial class MethodScripter
{
    private Outcome If(IfInstruction inst, Cont after, Env env, IrBlock gb, ILInstruction? scope) =>
        Branches(Condition(inst.Condition, env), inst, env, scope, (e, b) => Arm(inst.TrueInst, after, e, b), (e, b) => Arm(inst.FalseInst, after, e, b));

    /// <summary>A <c>prim::If</c> on <paramref name="cond"/> whose blocks the two arm emitters fill.</summary>
    private Outcome Branches(Value cond, ILInstruction at, Env env, ILInstruction? scope, Func<Env, IrBlock, Outcome> thenArm, Func<Env, IrBlock, Outcome> elseArm)
    {
        var node = graph.Create(NodeKinds.If).AddInput(cond);
        node.Source = Locate(at);
        graph.Insert(node);
        var thenBlock = node.AddBlock();
        var elseBlock = node.AddBlock();
        var thenOutcome = thenArm(env.Clone(), thenBlock);
        var elseOutcome = elseArm(env.Clone(), elseBlock);

        // Note [Early return]: an arm that goes on here while the other cannot (it left the region) takes
        // the rest of the region inside it. When the other arm left the whole loop body (or method) it is
        // in, by return or break, the arm that goes on takes the rest of that loop body (or method), so
        // the if needs no exit number: TorchScript's exit transform does the same. Budgeted, as each such
        // move copies the code after the if.
        if (!thenOutcome.Never && !elseOutcome.Never && !(thenOutcome.IsSingle && elseOutcome.IsSingle && thenOutcome.Only.Same(elseOutcome.Only)))
        {
            bool thenGoesOn = HasInside(thenOutcome, scope), elseGoesOn = HasInside(elseOutcome, scope);
            if (thenGoesOn && !elseGoesOn && thenOutcome.IsSingle) thenOutcome = Run(thenOutcome.Only.Place!, thenOutcome.Env, thenBlock, scope);
            else if (elseGoesOn && !thenGoesOn && elseOutcome.IsSingle) elseOutcome = Run(elseOutcome.Only.Place!, elseOutcome.Env, elseBlock, scope);
            if (thenOutcome.IsSingle && elseOutcome.IsSingle && thenOutcome.Only.Same(elseOutcome.Only)) { }
            else if (LeftBody(thenOutcome) && GoesOnInBody(elseOutcome)) elseOutcome = RunOutward(elseOutcome, elseBlock);
            else if (LeftBody(elseOutcome) && GoesOnInBody(thenOutcome)) thenOutcome = RunOutward(thenOutcome, thenBlock);
        }

        return Merge(node, thenOutcome, elseOutcome, at);
    }

    private bool LeftBody(Outcome o) => !o.Never && o.Exits.All(e => e.IsReturn || !Inside(e.Place!, loopBody));

    private bool GoesOnInBody(Outcome o) => o.IsSingle && !o.Only.IsReturn && Inside(o.Only.Place!, loopBody) && outwardMoves < MaxOutwardMoves;

    private Outcome RunOutward(Outcome o, IrBlock gb)
    {
        outwardMoves++;
        return Run(o.Only.Place!, o.Env, gb, loopBody);
    }

    /// <summary>Emits one arm of an if into <paramref name="gb"/>; <paramref name="after"/> is where the if goes on.</summary>
    private Outcome Arm(ILInstruction inst, Cont after, Env env, IrBlock gb)
    {
        if (inst is ILBlock block) return Run(new Cont(block, 0, after), env, gb, block);
        using var insert = graph.InsertPointAtEnd(gb);
        var outcome = Statement(inst, after, env, gb, inst);
        return outcome.IsSingle && !outcome.Only.IsReturn ? Outcome.Reached(Settle(outcome.Only.Place!), outcome.Env) : outcome;
    }

    /// <summary>
    /// Makes the If <paramref name="node"/> output what its arms produced: the exit taken (if they can
    /// take different ones), and every local whose value differs between the arms.
    /// </summary>
    private Outcome Merge(Node node, Outcome thenOutcome, Outcome elseOutcome, ILInstruction at)
    {
        var arms = new[] { thenOutcome, elseOutcome };
        var exits = new List<Exit>();
        foreach (var arm in arms)
            foreach (var e in arm.Exits)
                if (!exits.Any(x => x.Same(e))) exits.Add(e);
        if (exits.Count == 0) return Outcome.Raised();

        Value? code = null;
        if (exits.Count > 1)
        {
            for (int b = 0; b < 2; b++)
            {
                using var insert = graph.InsertPointAtEnd(node.Blocks[b]);
                node.Blocks[b].AddOutput(CodeOf(arms[b]));
            }

            code = node.AddOutput(IntType.Instance);
        }

        var merged = new Env();
        var keys = new List<object>();
        foreach (var arm in arms)
            foreach (var (key, _) in arm.Env.Bindings)
                if (!keys.Contains(key)) keys.Add(key);
        foreach (var key in keys)
        {
            var values = new Value?[2];
            for (int b = 0; b < 2; b++) values[b] = arms[b].Env.TryGet(key, out var v) ? v : null;
            // With one exit, a local one arm lacks is not assigned after the if (C#'s definite assignment).
            if (exits.Count == 1 && values.Where((v, b) => !arms[b].Never).Any(v => v is null)) continue;
            var present = values.Where(v => v is not null).Select(v => v!).Distinct().ToArray();
            if (present.Length == 1 && !present[0].Node.IsInside(node.Blocks[0]) && !present[0].Node.IsInside(node.Blocks[1]))
            {
                merged.Set(key, present[0]);
                continue;
            }

            var type = present.Select(v => v.Type).Aggregate((a, b) => Unify(a, b, at));
            for (int b = 0; b < 2; b++)
            {
                using var insert = graph.InsertPointAtEnd(node.Blocks[b]);
                node.Blocks[b].AddOutput(values[b] ?? Uninitialized(type));
            }

            var output = node.AddOutput(type);
            if (IsUserName(Env.NameOf(key))) output.SetDebugName(Env.NameOf(key)!);
            merged.Set(key, output);
        }

        return new Outcome(exits, code, merged);
    }

    // The number of the exit an arm took (Note [Exits]).
    private Value CodeOf(Outcome arm) =>
        arm.Never ? Uninitialized(IntType.Instance) : arm.IsSingle ? graph.InsertConstant(ExitNumber(arm.Only)) : arm.Code!;

    private long ExitNumber(Exit exit)
    {
        int i = exitNumbers.FindIndex(e => e.Same(exit));
        if (i >= 0) return i;
        exitNumbers.Add(exit);
        return exitNumbers.Count - 1;
    }

    /// <summary>
    /// Goes on from the exits of <paramref name="outcome"/> that lie inside the region:
    /// <c>if code == k: (rest of the region from exit k) else: (pass the other exits on)</c>.
    /// </summary>
    private Outcome Dispatch(Outcome outcome, IrBlock gb, ILInstruction? scope)
    {
        using var insert = graph.InsertPointAtEnd(gb);
        var here = outcome.Exits.First(e => !e.IsReturn && Inside(e.Place!, scope));
        var goOn = outcome.Env.Clone();
        goOn.Remove(Env.ReturnSlot);
        if (outcome.Exits.Count == 1) return Run(here.Place!, goOn, gb, scope);
        var taken = Emit("aten::eq.int", null, outcome.Code!, graph.InsertConstant(ExitNumber(here)));
        var node = graph.Create(NodeKinds.If).AddInput(taken);
        graph.Insert(node);
        var thenBlock = node.AddBlock();
        var elseBlock = node.AddBlock();
        var thenOutcome = Run(here.Place!, goOn, thenBlock, scope);
        var rest = new Outcome(outcome.Exits.Where(e => !e.Same(here)).ToList(), outcome.Code, outcome.Env);
        var elseOutcome = HasInside(rest, scope) ? Dispatch(rest, elseBlock, scope) : rest;
        return Merge(node, thenOutcome, elseOutcome, function);
    }

    private Value Condition(ILInstruction inst, Env env)
    {
        var cond = Expr(inst, env, typeof(bool));
        if (cond.Type is BoolType) return cond;
        throw Error(inst, $"an if condition must be a bool, got {cond.Type}");
    }

    // A conditional expression (?:, &&, ||) yields one value from either block.
    private Value ConditionalExpr(IfInstruction inst, Env env, Type? expected)
    {
        // && and || read as ifs with 0/1 arms: the ints are bools there.
        if (expected is null && IsBoolean(inst)) expected = typeof(bool);
        var cond = Condition(inst.Condition, env);
        var node = graph.Create(NodeKinds.If).AddInput(cond);
        node.Source = Locate(inst);
        graph.Insert(node);
        var values = new Value[2];
        var arms = new[] { inst.TrueInst, inst.FalseInst };
        for (int b = 0; b < 2; b++)
        {
            var block = node.AddBlock();
            using var insert = graph.InsertPointAtEnd(block);
            values[b] = Expr(arms[b], env.Clone(), expected);
        }

        var type = Unify(values[0].Type, values[1].Type, inst);
        for (int b = 0; b < 2; b++) node.Blocks[b].AddOutput(values[b]);
        return node.AddOutput(type);
    }

    private static bool IsBoolean(ILInstruction inst) => inst switch
    {
        Comp => true,
        IfInstruction i => IsBoolean(i.TrueInst) || IsBoolean(i.FalseInst),
        LdLoc ld => ld.Variable.Type.IsKnownType(KnownTypeCode.Boolean),
        CallInstruction call => call.Method.ReturnType.IsKnownType(KnownTypeCode.Boolean),
        _ => false,
    };

    private JitType Unify(JitType a, JitType b, ILInstruction? at)
    {
        if (a.Equals(b)) return a;
        if (a is TensorType && b is TensorType) return TensorType.Any;
        if (a is NoneType) return b is OptionalType ? b : new OptionalType(b);
        if (b is NoneType) return a is OptionalType ? a : new OptionalType(a);
        if (a is OptionalType oa && oa.Accepts(b)) return a;
        if (b is OptionalType ob && ob.Accepts(a)) return b;
        if (a is TupleType ta && b is TupleType tb && ta.Elements.Count == tb.Elements.Count)
            return new TupleType(ta.Elements.Select((e, i) => Unify(e, tb.Elements[i], at)).ToArray());
        throw Error(at ?? function, $"the branches give different types: {a} and {b}");
    }
}
