using ICSharpCode.Decompiler.IL;
using TorchJit.Ir;
using ILBlock = ICSharpCode.Decompiler.IL.Block;
using IrBlock = TorchJit.Ir.Block;

namespace TorchJit.Frontend;

/// <summary><c>if</c> statements and conditional expressions as <c>prim::If</c> (see Note [Early return]).</summary>
internal sealed partial class MethodScripter
{
    private Outcome If(IfInstruction inst, Cont after, Env env, IrBlock gb)
    {
        var cond = Condition(inst.Condition, env);
        var node = graph.Create(NodeKinds.If).AddInput(cond);
        node.Source = Locate(inst);
        graph.Insert(node);
        var thenBlock = node.AddBlock();
        var elseBlock = node.AddBlock();
        var outcomes = new[]
        {
            Branch(inst.TrueInst, after, env.Clone(), thenBlock),
            Branch(inst.FalseInst, after, env.Clone(), elseBlock),
        };

        if (outcomes[0] is Reached r0 && outcomes[1] is Reached r1 && r0.Place.SamePlace(r1.Place))
            return new Reached(r0.Place, Merge(node, r0.Env, r1.Env));

        // Mixed or different places: finish each path inside its own branch (Note [Early return]).
        var blocks = new[] { thenBlock, elseBlock };
        for (int b = 0; b < 2; b++)
            if (outcomes[b] is Reached r) outcomes[b] = Run(r.Place, r.Env, blocks[b], null);
        var v0 = ((Returned)outcomes[0]).Value;
        var v1 = ((Returned)outcomes[1]).Value;
        thenBlock.AddOutput(v0);
        elseBlock.AddOutput(v1);
        return new Returned(node.AddOutput(Unify(v0.Type, v1.Type, inst)));
    }

    private Outcome Branch(ILInstruction inst, Cont after, Env env, IrBlock gb)
    {
        switch (inst)
        {
            case ILBlock block:
                return Run(new Cont(block, 0, after), env, gb, inst);
            case Nop:
                return new Reached(after, env);
            case Branch br:
                return new Reached(Target(br), env);
            case Leave leave when leave.TargetContainer == function.Body:
                using (graph.InsertPointAtEnd(gb)) return new Returned(Expr(leave.Value, env, null));
            case StLoc store:
                using (graph.InsertPointAtEnd(gb)) Assign(store, env);
                return new Reached(after, env);
            default:
                throw Error(inst, $"'{inst.OpCode}' as the branch of an if is not supported");
        }
    }

    // Where a branch goes; the head of a module loop being unrolled ends the iteration.
    private Cont Target(Branch br) => br.TargetBlock == unrollHead
        ? new Cont(br.TargetBlock, 0, null)
        : new Cont(br.TargetBlock, 0, ExitOf((BlockContainer)br.TargetBlock.Parent!));

    // Locals that differ between the branches become outputs of the If.
    private Env Merge(Node node, Env thenEnv, Env elseEnv)
    {
        var merged = new Env();
        foreach (var (variable, thenValue) in thenEnv.Bindings)
        {
            if (!elseEnv.TryGet(variable, out var elseValue)) continue;
            if (thenValue == elseValue)
            {
                merged.Set(variable, thenValue);
                continue;
            }

            node.Blocks[0].AddOutput(thenValue);
            node.Blocks[1].AddOutput(elseValue);
            var output = node.AddOutput(Unify(thenValue.Type, elseValue.Type, null));
            if (IsUserName(variable.Name)) output.SetDebugName(variable.Name!);
            merged.Set(variable, output);
        }

        return merged;
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
            block.AddOutput(values[b]);
        }

        return node.AddOutput(Unify(values[0].Type, values[1].Type, inst));
    }

    private JitType Unify(JitType a, JitType b, ILInstruction? at)
    {
        if (a.Equals(b)) return a;
        if (a is TensorType && b is TensorType) return TensorType.Any;
        if (a is NoneType) return new OptionalType(b);
        if (b is NoneType) return new OptionalType(a);
        throw Error(at ?? function, $"the branches give different types: {a} and {b}");
    }
}
