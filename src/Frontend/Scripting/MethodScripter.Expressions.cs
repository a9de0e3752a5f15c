using ICSharpCode.Decompiler.IL;
using ICSharpCode.Decompiler.TypeSystem;
using TorchJit.Ir;
using TupleType = TorchJit.Ir.TupleType;
using ILBlock = ICSharpCode.Decompiler.IL.Block;

namespace TorchJit.Frontend;

/// <summary>Expressions: locals, literals, calls, field reads, tuples, arrays and conditional expressions.</summary>
internal sealed partial class MethodScripter
{
    private Value Expr(ILInstruction inst, Env env, Type? expected)
    {
        switch (inst)
        {
            case LdLoc ld:
                return env.TryGet(ld.Variable, out var v) ? v : throw Error(inst, $"local '{ld.Variable.Name}' has no value on this path");
            case LdLoca ld when ClrTypes.IsTuple(ld.Variable.Type):
                // A tuple local read through its address (to read an element).
                return env.TryGet(ld.Variable, out var t) ? t : throw Error(inst, $"local '{ld.Variable.Name}' has no value on this path");
            case LdcI4 c:
                return expected == typeof(bool) ? graph.InsertConstant(c.Value != 0) : graph.InsertConstant((long)c.Value);
            case LdcI8 c:
                return graph.InsertConstant(c.Value);
            case LdcF4 c:
                return graph.InsertConstant((double)c.Value);
            case LdcF8 c:
                return graph.InsertConstant(c.Value);
            case LdStr s:
                return graph.InsertConstant(s.Value);
            case LdNull:
                return graph.InsertConstant(null);
            case DefaultValue d when d.Type.IsReferenceType == true || NullableType.IsNullable(d.Type):
                return graph.InsertConstant(null);
            case NewObj { Arguments: [var wrapped] } newObj when NullableType.IsNullable(newObj.Method.DeclaringType):
                // new T?(v) is v; a null T? is None.
                return Expr(wrapped, env, ClrTypes.FromIlType(NullableType.GetUnderlyingType(newObj.Method.DeclaringType)));
            case NewObj newObj when ClrTypes.IsTuple(newObj.Method.DeclaringType):
                return Tuple(newObj.Arguments.Select(a => Expr(a, env, null)).ToArray(), inst);
            case CallInstruction call when LocalFunctionOf(call) is { } local:
                return LocalFunctionCall(local, call, env);
            case CallInstruction call:
                return Call(call, env, expected);
            case NullableRewrap rewrap:
                return NullConditional(rewrap, env, expected);
            case NullableUnwrap unwrap when unwrapped.TryGetValue(unwrap, out var inner):
                return inner;
            case IfInstruction conditional:
                return ConditionalExpr(conditional, env, expected);
            case SwitchInstruction switchInst:
                return SwitchExpr(switchInst, env, expected);
            case BinaryNumericInstruction binary:
                return Binary(binary, env);
            case Comp comp:
                return Compare(comp, env);
            case Conv conv:
                return Convert(conv, env, expected);
            case ILBlock { Kind: BlockKind.ArrayInitializer } init:
                return ArrayLiteral(init, env);
            case LdObj { Target: CallInstruction spanCall } when IsSpanReceiver(spanCall):
                return SpanCall(spanCall, env);
            case LdObj { Target: LdElema } or LdLen:
                throw Error(inst, "reading array elements is not supported (arrays may only be built and passed to ops, e.g. x.reshape(n, -1))");
            case ILFunction or LdFtn or LdVirtFtn or LdVirtDelegate:
                throw Error(inst, "lambdas, local functions and delegates cannot be scripted");
            case Await:
                throw Error(inst, "await cannot be scripted");
            case LdLoca or AddressOf:
                throw Error(inst, "taking the address of a local (ref/out) cannot be scripted");
            case IsInst or CastClass or MatchInstruction:
                throw Error(inst, "type tests and casts cannot be scripted");
            case LdObj { Target: LdFlda { Target: LdLoca or AddressOf } } when inst.MatchLdFld(out var tupleTarget, out var element) && ClrTypes.IsTuple(element.DeclaringType):
                return TupleElement(Expr(tupleTarget, env, null), element, inst);
        }

        if (inst.MatchLdFld(out var target, out var field))
            return ClrTypes.IsTuple(field.DeclaringType) ? TupleElement(Expr(target, env, null), field, inst) : FieldLoad(target, field, env, inst);
        if (inst.MatchLdsFld(out var staticField)) throw Error(inst, $"static field {staticField.Name} cannot be read in scripted code (use a module attribute or a constant)");
        throw Error(inst, $"expression '{inst.OpCode}' is not supported");
    }

    private Value Tuple(Value[] elements, ILInstruction at)
    {
        var node = graph.Create(NodeKinds.TupleConstruct);
        foreach (var e in elements) node.AddInput(e);
        node.AddOutput(new TupleType(elements.Select(e => e.Type).ToArray()));
        node.Source = Locate(at);
        graph.Insert(node);
        return node.Output;
    }

    // tuple.ItemN (ValueTuple fields Item1..Item7): the element itself when the tuple was built here, else a prim::TupleUnpack.
    private Value TupleElement(Value tuple, IField field, ILInstruction at)
    {
        if (tuple.Type is not TupleType type) throw Error(at, $"reading {field.Name} of a {tuple.Type}");
        if (!field.Name.StartsWith("Item", StringComparison.Ordinal) || !int.TryParse(field.Name.AsSpan(4), out int index) || index < 1 || index > type.Elements.Count)
            throw Error(at, $"tuple element {field.Name} is not supported (only Item1..Item7)");
        return TupleElement(tuple, index - 1, at);
    }

    private Value TupleElement(Value tuple, int index0, ILInstruction at)
    {
        if (tuple.Type is not TupleType type || index0 >= type.Elements.Count) throw Error(at, $"reading element {index0} of a {tuple.Type}");
        int index = index0 + 1;
        if (tuple.Node.Kind == NodeKinds.TupleConstruct) return tuple.Node.Inputs[index - 1];
        // One unpack per tuple where it is in scope.
        if (!unpacks.TryGetValue(tuple, out var node) || !graph.InsertPoint.IsInside(node.Owner!))
        {
            node = graph.Create(NodeKinds.TupleUnpack).AddInput(tuple);
            foreach (var e in type.Elements) node.AddOutput(e);
            graph.Insert(node);
            unpacks[tuple] = node;
        }

        return node.Outputs[index - 1];
    }

    // var (a, b) = tuple: the pattern binds the elements, then the assignments copy them to the locals.
    private void Deconstruct(DeconstructInstruction inst, Env env)
    {
        foreach (var init in inst.Init) Assign(init, env);
        Bind(inst.Pattern, env);
        foreach (var store in inst.Conversions.Instructions.Concat(inst.Assignments.Instructions))
        {
            if (store is not StLoc stloc) throw Error(store, "deconstruction of an unexpected shape");
            Assign(stloc, env);
        }
    }

    private void Bind(MatchInstruction pattern, Env env)
    {
        if (!pattern.IsDeconstructTuple && pattern.SubPatterns.Count > 0) throw Error(pattern, "deconstruction through a Deconstruct method cannot be scripted (only tuples)");
        var value = pattern.TestedOperand is DeconstructResultInstruction result
            ? TupleElement(Expr(result.Argument, env, null), result.Index, pattern)
            : Expr(pattern.TestedOperand, env, null);
        env.Set(pattern.Variable, value);
        foreach (var sub in pattern.SubPatterns)
            Bind(sub as MatchInstruction ?? throw Error(sub, "deconstruction of an unexpected shape"), env);
    }

    // new long[] { a, b } (also params arrays and collection expressions) as prim::ListConstruct.
    private Value ArrayLiteral(ILBlock init, Env env)
    {
        if (init.Instructions.FirstOrDefault() is not StLoc { Value: NewArr newArr } array || !init.FinalInstruction.MatchLdLoc(array.Variable))
            throw Error(init, "array expression of an unexpected shape");
        var elementType = ClrTypes.FromIlType(newArr.Type);
        JitType element = elementType == typeof(long) || elementType == typeof(int) ? IntType.Instance
            : elementType == typeof(Tensor) ? TensorType.Any
            : throw Error(init, $"arrays of {newArr.Type.Name} are not supported (only long[], int[] and Tensor[])");
        if (newArr.Indices is not [var length] || !length.MatchLdcI4(out int count)) throw Error(init, "array of unknown length");
        var items = new Value?[count];
        foreach (var store in init.Instructions.Skip(1))
        {
            if (store is not StObj { Target: LdElema { Indices: [var index] } elema } stObj || !elema.Array.MatchLdLoc(array.Variable) || !index.MatchLdcI4(out int i) || i < 0 || i >= count)
                throw Error(store, "array element store of an unexpected shape");
            items[i] = Expr(stObj.Value, env, elementType);
        }

        var node = graph.Create(NodeKinds.ListConstruct);
        for (int i = 0; i < count; i++) node.AddInput(items[i] ?? graph.InsertConstant(0L));
        node.AddOutput(new ListType(element));
        node.Source = Locate(init);
        graph.Insert(node);
        return node.Output;
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
    /// sub-module holding the same object (by reference), or a plain int/float/bool/str/int[] attribute.
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
                    obj.SetSlot(slot, value switch { bool b => IValue.From(b), float f => IValue.From((double)f), double d => IValue.From(d), _ => IValue.From(System.Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)) }, SlotKind.Attribute);
                break;
            case long[] list:
                slot = memberName;
                type = new ListType(IntType.Instance);
                if (obj.FindSlot(slot) is null) obj.SetSlot(slot, IValue.From(list), SlotKind.Attribute);
                break;
            case int[] ints:
                slot = memberName;
                type = new ListType(IntType.Instance);
                if (obj.FindSlot(slot) is null) obj.SetSlot(slot, IValue.From(Array.ConvertAll(ints, i => (long)i)), SlotKind.Attribute);
                break;
            case string text:
                slot = memberName;
                type = StringType.Instance;
                if (obj.FindSlot(slot) is null) obj.SetSlot(slot, IValue.From(text), SlotKind.Attribute);
                break;
            default:
                throw Error(at, $"member '{memberName}' of type {ClrTypes.Describe(value.GetType())} cannot be read in scripted code (only parameters, buffers, sub-modules and int/float/bool/str/int[] attributes)");
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
