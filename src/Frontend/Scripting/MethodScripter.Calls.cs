using System.Reflection;
using ICSharpCode.Decompiler.IL;
using TorchJit.Ir;

namespace TorchJit.Frontend;

/// <summary>
/// Calls: an eager API member marked <c>[Op]</c> becomes that op's node; a few members without one
/// (sizes, number conversions, <c>Math</c>) map to TorchScript's ops; a method of a module (its own
/// helpers, a sub-module's <c>forward</c>) becomes <c>prim::CallMethod</c> and a static helper
/// <c>prim::CallFunction</c>, each scripted recursively into its own graph; a property of a module
/// reads an attribute.
/// </summary>
internal sealed partial class MethodScripter
{
    private Value Call(CallInstruction call, Env env, Type? expected)
    {
        if (call.Method.Name == "get_Current" && call.Arguments.Count == 1 && call.Arguments[0] is IInstructionWithVariableOperand { Variable: var enumerator }
            && unrolledElements.TryGetValue(enumerator, out var element))
            return element;
        if (call.Method.DeclaringType.Kind == ICSharpCode.Decompiler.TypeSystem.TypeKind.Delegate || call.Arguments.Any(a => a is ILFunction or LdFtn or LdVirtFtn))
            throw Error(call, "lambdas and delegates cannot be scripted (TorchScript has no closures): call a method instead");
        if (call.Arguments.Skip(call.Method.IsStatic ? 0 : 1).Any(a => a is LdLoca or AddressOf) || call.Method.Parameters.Any(p => p.ReferenceKind != ICSharpCode.Decompiler.TypeSystem.ReferenceKind.None))
            throw Error(call, $"{call.Method.Name}: ref/out/in arguments cannot be scripted");
        if (IsSpanReceiver(call)) return SpanCall(call, env);

        var runtime = Members.ResolveMethod(call.Method)
            ?? throw Error(call, $"call to {call.Method.DeclaringType.Name}.{call.Method.Name} is not supported (cannot find it at run time)");
        if (runtime.GetCustomAttribute<IgnoreAttribute>() is not null)
            throw Error(call, $"{runtime.DeclaringType?.Name}.{runtime.Name} is marked [Ignore]: it is left out of scripting and cannot be called from scripted code");
        if (runtime.GetCustomAttribute<OpAttribute>() is { } op) return OpCall(OpRegistry.Get(op.QualifiedName), op, runtime, call, env);
        if (BuiltinCall(runtime, call, env) is { } builtin) return builtin;
        if (runtime.IsDefined(typeof(System.Runtime.CompilerServices.AsyncStateMachineAttribute)))
            throw Error(call, $"{runtime.DeclaringType?.Name}.{runtime.Name} is async: async methods cannot be scripted");
        if (!runtime.IsStatic && typeof(torch.nn.Module).IsAssignableFrom(runtime.DeclaringType))
        {
            var target = Expr(call.Arguments[0], env, null);
            var module = ModuleOf(target, call);
            if (runtime.IsSpecialName && runtime.Name.StartsWith("get_", StringComparison.Ordinal) && call.Arguments.Count == 1)
                return Attribute(target, module, runtime.Name[4..], runtime.Invoke(module, null), call);
            return MethodCall(target, module, (MethodInfo)runtime, call, env);
        }

        if (runtime.IsStatic && runtime is MethodInfo function && Scripter.IsUserCode(function)) return FunctionCall(function, call, env);
        throw Error(call, $"call to {runtime.DeclaringType?.Name}.{runtime.Name} is not supported in scripted code");
    }

    private Value OpCall(OpDef op, OpAttribute attr, MethodBase runtime, CallInstruction call, Env env)
    {
        var schemaArgs = op.Schema.Arguments;
        var operandTypes = new List<Type>();
        if (!runtime.IsStatic) operandTypes.Add(typeof(Tensor));
        operandTypes.AddRange(runtime.GetParameters().Select(p => p.ParameterType));
        if (operandTypes.Count != call.Arguments.Count)
            throw Error(call, $"{runtime.Name}: {call.Arguments.Count} arguments for {operandTypes.Count} parameters");
        var bound = new Value?[schemaArgs.Count];
        for (int j = 0; j < call.Arguments.Count; j++)
        {
            int index = attr.ArgumentNames.Count == 0 ? j : IndexOf(op, attr.ArgumentNames[j]);
            if (index >= schemaArgs.Count) throw Error(call, $"{runtime.Name} has more operands than {op.QualifiedName} has arguments");
            var value = Coerce(Expr(call.Arguments[j], env, operandTypes[j]), schemaArgs[index].Type, call);
            if (!schemaArgs[index].Type.Accepts(value.Type))
                throw Error(call, $"argument '{schemaArgs[index].Name}' of {op.QualifiedName} expects {schemaArgs[index].Type}, got {value.Type}");
            bound[index] = value;
        }

        if (attr.FixedArgument is { } fixedName) bound[IndexOf(op, fixedName)] = graph.InsertConstant(attr.FixedValue);
        var inputs = new Value[schemaArgs.Count];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = bound[i] ?? (schemaArgs[i].HasDefault
                ? graph.InsertConstant(schemaArgs[i].Default)
                : throw Error(call, $"{op.QualifiedName}: argument '{schemaArgs[i].Name}' is missing"));
        }

        var node = graph.CreateOp(op, inputs);
        node.Source = Locate(call);
        graph.Insert(node);
        // Ops with several results (max.dim: values and indices) give a C# tuple.
        return node.Outputs.Count == 1 ? node.Output : Tuple([.. node.Outputs], call);
    }

    // An optional tensor passed where a tensor is expected (after a None check) is unwrapped, as TorchScript's refinement does.
    private Value Coerce(Value value, JitType expected, ILInstruction at) =>
        expected is TensorType && value.Type is OptionalType { Element: TensorType } ? Emit("aten::_unwrap_optional", at, value) : value;

    /// <summary>Emits the op <paramref name="qualifiedName"/> on values already in the graph.</summary>
    private Value Emit(string qualifiedName, ILInstruction? at, params Value[] inputs)
    {
        var op = OpRegistry.Get(qualifiedName);
        var node = graph.CreateOp(op, inputs);
        if (at is not null) node.Source = Locate(at);
        graph.Insert(node);
        return node.Output;
    }

    private static int IndexOf(OpDef op, string name)
    {
        for (int i = 0; i < op.Schema.Arguments.Count; i++)
            if (op.Schema.Arguments[i].Name == name) return i;
        throw new InvalidOperationException($"{op.QualifiedName} has no argument '{name}'");
    }

    /// <summary>A method of a module object (its own helper, a sub-module's <c>forward</c>) as <c>prim::CallMethod</c>.</summary>
    private Value MethodCall(Value target, torch.nn.Module module, MethodInfo callee, CallInstruction call, Env env)
    {
        var method = owner.EnsureMethod(module, callee, Locate(call));
        var node = graph.Create(NodeKinds.CallMethod).SetAttribute("name", method.Name).AddInput(target);
        var parameters = Scripter.Implementation(module.GetType(), callee).GetParameters();
        for (int i = 1; i < call.Arguments.Count; i++)
            node.AddInput(Coerce(Expr(call.Arguments[i], env, parameters[i - 1].ParameterType), method.Graph.Inputs[i].Type, call));
        foreach (var output in method.Graph.Outputs) node.AddOutput(output.Type);
        node.Source = Locate(call);
        graph.Insert(node);
        return node.Output;
    }

    /// <summary>A static helper as <c>prim::CallFunction</c> on a <c>prim::Constant</c> naming the function.</summary>
    private Value FunctionCall(MethodInfo callee, CallInstruction call, Env env)
    {
        var function = owner.EnsureFunction(callee, Locate(call));
        var constant = graph.Create(NodeKinds.Constant).SetAttribute("name", function.Name);
        var fn = constant.AddOutput(function);
        graph.Insert(constant);
        var node = graph.Create(NodeKinds.CallFunction).AddInput(fn);
        var parameters = callee.GetParameters();
        for (int i = 0; i < call.Arguments.Count; i++)
            node.AddInput(Coerce(Expr(call.Arguments[i], env, parameters[i].ParameterType), function.Graph.Inputs[i].Type, call));
        foreach (var output in function.Graph.Outputs) node.AddOutput(output.Type);
        node.Source = Locate(call);
        graph.Insert(node);
        return node.Output;
    }

    /// <summary>True for calls whose result is the same every time for the same inputs (pure ops, sizes, conversions).</summary>
    private static bool IsPureCall(CallInstruction call)
    {
        if (IsSpanReceiver(call) || call.Method.DeclaringType.FullName == "System.Math") return true;
        var runtime = Members.ResolveMethod(call.Method);
        if (runtime?.GetCustomAttribute<OpAttribute>() is { } op) return OpRegistry.Find(op.QualifiedName)?.IsPure == true;
        return runtime is not null && (runtime.DeclaringType == typeof(Scalar) || (runtime.DeclaringType == typeof(Tensor) && PureTensorMembers.Contains(runtime.Name)));
    }

    private static readonly HashSet<string> PureTensorMembers = ["size", "get_Shape", "get_Dim", "get_NumElements", "shapeArray"];

    private static bool IsSpanReceiver(CallInstruction call) => call.Method.DeclaringType is { Namespace: "System", Name: "ReadOnlySpan" or "Span" };
}
