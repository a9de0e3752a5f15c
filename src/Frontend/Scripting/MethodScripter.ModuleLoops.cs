using ICSharpCode.Decompiler.IL;
using TorchJit.Ir;
using IrBlock = TorchJit.Ir.Block;

namespace TorchJit.Frontend;

/// <summary>
/// <c>foreach</c> over a list of sub-modules is unrolled at script time, as TorchScript does for
/// <c>nn.ModuleList</c> and <c>nn.Sequential</c>: ILAst shows it as
/// <c>using (e = GetEnumerator(list)) { while (e.MoveNext()) { ... e.Current ... } }</c>; the body is
/// emitted once per module, with <c>e.Current</c> bound to that module's <c>prim::GetAttr</c>.
/// <c>continue</c> works; <c>break</c> and <c>return</c> inside such a loop are refused, as TorchScript
/// refuses them in unrolled loops.
/// </summary>
internal sealed partial class MethodScripter
{
    /// <summary>Emits the unrolled loop; returns where to go on (the rest of the using body) with the locals then.</summary>
    private (Cont Next, Env Env) UnrollModuleLoop(UsingInstruction inst, Env env, IrBlock gb, Cont afterUsing)
    {
        if (inst.ResourceExpression is not CallInstruction { Method.Name: "GetEnumerator" } getEnumerator || getEnumerator.Arguments.Count != 1
            || !getEnumerator.Arguments[0].MatchLdFld(out var listOwner, out var listField))
            throw Error(inst, "using statements are not supported (only foreach over a list of sub-modules)");
        var ownerValue = Expr(listOwner, env, null);
        var module = ModuleOf(ownerValue, inst);
        var list = (Members.ResolveField(listField)?.GetValue(module) as System.Collections.IEnumerable)
            ?? throw Error(inst, $"foreach over '{listField.Name}': not a list");
        if (list is torch.nn.Module listModule)
        {
            // An nn.ModuleList is itself a sub-module: its elements are its children.
            ownerValue = Expr(getEnumerator.Arguments[0], env, null);
            module = listModule;
        }

        var loop = inst.Body.Descendants.OfType<BlockContainer>().FirstOrDefault(c => c.Kind != ContainerKind.Normal)
            ?? throw Error(inst, "foreach: no loop found in the enumerator pattern");
        var head = loop.EntryPoint;
        if (head.Instructions.FirstOrDefault() is not IfInstruction { Condition: CallInstruction { Method.Name: "MoveNext" } } test)
            throw Error(inst, "foreach: unexpected loop shape");
        var bodyCont = test.TrueInst switch
        {
            Branch b => new Cont(b.TargetBlock, 0, null),
            ICSharpCode.Decompiler.IL.Block block => new Cont(block, 0, new Cont(head, 1, null)),
            _ => throw Error(test, "foreach: unexpected loop shape"),
        };

        containerExits[loop] = null;
        // Leaving the using body's own block container continues after the using.
        foreach (var c in inst.Body.Descendants.OfType<BlockContainer>())
            if (c.Kind == ContainerKind.Normal) containerExits[c] = afterUsing;
        var newLocals = Assigned(loop).Where(v => !env.TryGet(v, out _)).ToList();
        stops.Add(head);
        var outerBody = loopBody;
        loopBody = loop;
        try
        {
            foreach (var item in list)
            {
                if (item is not torch.nn.Module child) throw Error(inst, $"foreach over '{listField.Name}': element {item?.GetType().Name ?? "null"} is not a module");
                unrolledElements[inst.Variable] = ChildValue(ownerValue, module, child, inst);
                var outcome = Run(bodyCont, env, gb, loop);
                if (!outcome.IsSingle || outcome.Only.IsReturn || outcome.Only.Place!.Block != head)
                    throw Error(inst, "return or break inside a foreach over modules is not supported: the loop is unrolled, as TorchScript unrolls loops over nn.ModuleList");
                env = outcome.Env;
            }
        }
        finally
        {
            loopBody = outerBody;
            stops.Remove(head);
            unrolledElements.Remove(inst.Variable);
        }

        // Locals first assigned in the loop body are not defined after it (the list may be empty).
        foreach (var variable in newLocals) env.Remove(variable);

        // Debug builds end the using with the loop; Release builds may put the method's return after it.
        return loop.Parent is ICSharpCode.Decompiler.IL.Block parent
            ? (new Cont(parent, loop.ChildIndex + 1, parent == inst.Body ? afterUsing : null), env)
            : (afterUsing, env);
    }

    private Value ChildValue(Value ownerValue, torch.nn.Module module, torch.nn.Module child, ILInstruction at)
    {
        var name = module.named_children().FirstOrDefault(c => ReferenceEquals(c.module, child)).name
            ?? throw Error(at, $"foreach: a module in the list is not a registered sub-module of {module.GetType().Name}");
        return Attribute(ownerValue, module, name, child, at);
    }
}
