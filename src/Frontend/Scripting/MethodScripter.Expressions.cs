using ICSharpCode.Decompiler.IL;
using ICSharpCode.Decompiler.TypeSystem;
using TorchJit.Ir;

namespace TorchJit.Frontend;

/// <summary>Expressions: locals, literals, calls, field reads and conditional expressions.</summary>
internal sealed partial class MethodScripter
{
    private Value Expr(ILInstruction inst, Env env, Type? expected)
    {
        switch (inst)
        {
            case LdLoc ld:
                return env.TryGet(ld.Variable, out var v) ? v : throw Error(inst, $"local '{ld.Variable.Name}' has no value on this path");
            case LdcI4 c:
                return expected == typeof(bool) ? graph.InsertConstant(c.Value != 0) : graph.InsertConstant((long)c.Value);
            case LdcI8 c:
                return graph.InsertConstant(c.Value);
            case LdcF4 c:
                return graph.InsertConstant((double)c.Value);
            case LdcF8 c:
                return graph.InsertConstant(c.Value);
            case LdNull:
                return graph.InsertConstant(null);
            case CallInstruction call:
                return Call(call, env, expected);
            case IfInstruction conditional:
                return ConditionalExpr(conditional, env, expected);
            case Comp comp when comp.Left.ResultType == StackType.I4 && comp.Right.MatchLdcI4(0)
                && comp.Kind is ComparisonKind.Equality or ComparisonKind.Inequality:
                // ILAst writes !b as b == 0 (and b as b != 0) for a bool b.
                var operand = Expr(comp.Left, env, typeof(bool));
                if (operand.Type is not BoolType) throw Error(inst, $"comparison of a {operand.Type} with 0 is not supported yet");
                return comp.Kind == ComparisonKind.Inequality ? operand : OpCall(LogicalNot, [operand], inst);
            case Conv conv when conv.InputType == StackType.I4 && conv.ResultType == StackType.I8:
                // int -> long widening keeps an int's meaning.
                return Expr(conv.Argument, env, expected);
        }

        if (inst.MatchLdFld(out var target, out var field)) return FieldLoad(target, field, env, inst);
        throw Error(inst, $"expression '{inst.OpCode}' is not supported");
    }

    private Value FieldLoad(ILInstruction target, IField field, Env env, ILInstruction at)
    {
        var owner = Expr(target, env, null);
        var module = ModuleOf(owner, at);
        var info = Members.ResolveField(field) ?? throw Error(at, $"cannot find field {field.FullName} at run time");
        return Attribute(owner, module, info.Name, info.GetValue(module), at);
    }

    private torch.nn.Module ModuleOf(Value v, ILInstruction at) =>
        runtimeObjects.TryGetValue(v, out var o) && o is torch.nn.Module m
            ? m
            : throw Error(at, $"only members of modules can be read in scripted code (this is a {v.Type})");

    /// <summary>
    /// A member of <paramref name="module"/> read in the code: the registered parameter, buffer or
    /// sub-module holding the same object (by reference), or a plain int/float/bool attribute.
    /// </summary>
    private Value Attribute(Value owner, torch.nn.Module module, string memberName, object? value, ILInstruction at)
    {
        string? slot = null;
        JitType type;
        var obj = this.owner.ObjectFor(module);
        switch (value)
        {
            case torch.nn.Module child:
                slot = module.named_children().FirstOrDefault(c => ReferenceEquals(c.module, child)).name;
                type = slot is null ? TensorType.Any : this.owner.ObjectFor(child).Type;
                break;
            case Tensor t:
                slot = module.LocalParameters.FirstOrDefault(p => ReferenceEquals(p.Value, t)).Name
                    ?? module.LocalBuffers.FirstOrDefault(b => ReferenceEquals(b.Value, t)).Name;
                type = TensorType.Any;
                break;
            case null:
                slot = module.LocalParameters.FirstOrDefault(p => p.Value is null && p.Name == memberName).Name;
                type = NoneType.Instance;
                break;
            case bool or int or long or float or double:
                slot = memberName;
                type = value is bool ? BoolType.Instance : value is float or double ? FloatType.Instance : IntType.Instance;
                if (obj.FindSlot(slot) is null)
                    obj.SetSlot(slot, value switch { bool b => IValue.From(b), float f => IValue.From((double)f), double d => IValue.From(d), _ => IValue.From(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)) }, SlotKind.Attribute);
                break;
            case long[] list:
                slot = memberName;
                type = new ListType(IntType.Instance);
                if (obj.FindSlot(slot) is null) obj.SetSlot(slot, IValue.From(list), SlotKind.Attribute);
                break;
            case string text:
                slot = memberName;
                type = StringType.Instance;
                if (obj.FindSlot(slot) is null) obj.SetSlot(slot, IValue.From(text), SlotKind.Attribute);
                break;
            default:
                throw Error(at, $"member '{memberName}' of type {value.GetType().Name} cannot be read in scripted code (only parameters, buffers, sub-modules and int/float/bool/str/int[] attributes)");
        }

        if (slot is null) throw Error(at, $"member '{memberName}' is not a registered parameter, buffer or sub-module of {module.GetType().Name}");
        var node = graph.Create(NodeKinds.GetAttr).SetAttribute("name", slot).AddInput(owner);
        var output = node.AddOutput(type);
        if (!char.IsAsciiDigit(slot[0])) output.SetDebugName(slot);
        graph.Insert(node);
        if (value is torch.nn.Module m) runtimeObjects[output] = m;
        return output;
    }
}
