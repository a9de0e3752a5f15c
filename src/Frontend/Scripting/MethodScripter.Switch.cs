using ICSharpCode.Decompiler.IL;
using ICSharpCode.Decompiler.Util;
using TorchJit.Ir;
using IrBlock = TorchJit.Ir.Block;

namespace TorchJit.Frontend;

/// <summary>
/// <c>switch</c> on an integer (statements, and the switches C# compiles some ternary chains to) as a
/// chain of <c>prim::If</c>s, as TorchScript has no switch: <c>if v in labels0: body0 else: if v in labels1: ...
/// else: default</c>. Each section's labels are a set of intervals, tested with <c>aten::eq</c>,
/// <c>aten::ge</c> and <c>aten::le</c>.
/// </summary>
internal sealed partial class MethodScripter
{
    private Outcome Switch(SwitchInstruction inst, Cont after, Env env, IrBlock gb, ILInstruction? scope)
    {
        if (inst.IsLifted) throw Error(inst, "switch on a nullable value cannot be scripted");
        var value = Number(inst.Value, env, IntType.Instance);
        var (cases, fallback) = Sections(inst);
        return SwitchArms(value, cases, fallback, 0, after, env, gb, inst, scope);
    }

    private Outcome SwitchArms(Value value, List<SwitchSection> cases, SwitchSection fallback, int i, Cont after, Env env, IrBlock gb, ILInstruction at, ILInstruction? scope)
    {
        if (i == cases.Count) return Arm(fallback.Body, after, env, gb);
        using var insert = graph.InsertPointAtEnd(gb);
        var cond = InLabels(value, cases[i].Labels, at);
        return Branches(cond, at, env, scope, (e, b) => Arm(cases[i].Body, after, e, b), (e, b) => SwitchArms(value, cases, fallback, i + 1, after, e, b, at, scope));
    }

    /// <summary>A switch in an expression: one value from the matching section.</summary>
    private Value SwitchExpr(SwitchInstruction inst, Env env, Type? expected)
    {
        if (inst.IsLifted) throw Error(inst, "switch on a nullable value cannot be scripted");
        var value = Number(inst.Value, env, IntType.Instance);
        var (cases, fallback) = Sections(inst);
        return SwitchValue(value, cases, fallback, 0, env, expected, inst);
    }

    private Value SwitchValue(Value value, List<SwitchSection> cases, SwitchSection fallback, int i, Env env, Type? expected, ILInstruction at)
    {
        if (i == cases.Count) return Expr(fallback.Body, env.Clone(), expected);
        var node = graph.Create(NodeKinds.If).AddInput(InLabels(value, cases[i].Labels, at));
        node.Source = Locate(at);
        graph.Insert(node);
        var values = new Value[2];
        for (int b = 0; b < 2; b++)
        {
            var block = node.AddBlock();
            using var insert = graph.InsertPointAtEnd(block);
            values[b] = b == 0 ? Expr(cases[i].Body, env.Clone(), expected) : SwitchValue(value, cases, fallback, i + 1, env, expected, at);
        }

        var type = Unify(values[0].Type, values[1].Type, at);
        for (int b = 0; b < 2; b++) node.Blocks[b].AddOutput(values[b]);
        return node.AddOutput(type);
    }

    // The default section is the one with the most labels (ILAst gives it every value the others lack).
    private (List<SwitchSection> Cases, SwitchSection Fallback) Sections(SwitchInstruction inst)
    {
        if (inst.Sections.Any(s => s.HasNullLabel)) throw Error(inst, "switch with a null case cannot be scripted");
        var fallback = inst.Sections.OrderByDescending(s => s.Labels.Count()).First();
        return (inst.Sections.Where(s => s != fallback).ToList(), fallback);
    }

    // v in [a, b] or [c, d] ...
    private Value InLabels(Value value, LongSet labels, ILInstruction at)
    {
        Value? result = null;
        foreach (var interval in labels.Intervals)
        {
            Value test;
            if (interval.Start == interval.InclusiveEnd)
            {
                test = Emit("aten::eq.int", at, value, graph.InsertConstant(interval.Start));
            }
            else
            {
                Value? low = interval.Start == long.MinValue ? null : Emit("aten::ge.int", at, value, graph.InsertConstant(interval.Start));
                Value? high = interval.InclusiveEnd == long.MaxValue ? null : Emit("aten::le.int", at, value, graph.InsertConstant(interval.InclusiveEnd));
                test = low is null ? high ?? graph.InsertConstant(true) : high is null ? low : Emit("aten::__and__.bool", at, low, high);
            }

            result = result is null ? test : Emit("aten::__or__.bool", at, result, test);
        }

        return result ?? graph.InsertConstant(false);
    }
}
