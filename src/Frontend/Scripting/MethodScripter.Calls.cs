using System.Reflection;
using ICSharpCode.Decompiler.IL;
using TorchJit.Ir;

namespace TorchJit.Frontend;

/// <summary>
/// Calls: an eager API member marked <c>[Op]</c> becomes that op's node; <c>forward</c> on a sub-module
/// becomes <c>prim::CallMethod</c> (scripted recursively); a property of a module reads an attribute.
/// </summary>
internal sealed partial class MethodScripter
{
    private Value Call(CallInstruction call, Env env, Type? expected)
    {
        if (call.Method.Name == "get_Current" && call.Arguments.Count == 1 && call.Arguments[0] is IInstructionWithVariableOperand { Variable: var enumerator }
            && unrolledElements.TryGetValue(enumerator, out var element))
            return element;

        var runtime = Members.ResolveMethod(call.Method)
            ?? throw Error(call, $"call to {call.Method.DeclaringType.Name}.{call.Method.Name} is not supported (cannot find it at run time)");
        if (runtime.GetCustomAttribute<OpAttribute>() is { } op) return OpCall(OpRegistry.Get(op.QualifiedName), op, runtime, call, env);
        if (runtime.DeclaringType == typeof(Scalar) && runtime.Name == "op_Implicit")
            return Expr(call.Arguments[0], env, runtime.GetParameters()[0].ParameterType);
        if (!runtime.IsStatic && typeof(torch.nn.Module).IsAssignableFrom(runtime.DeclaringType))
        {
            if (runtime.Name == "forward" || runtime.Name == "call") return ModuleCall(call, env);
            if (runtime.IsSpecialName && runtime.Name.StartsWith("get_", StringComparison.Ordinal) && call.Arguments.Count == 1)
            {
                var owner = Expr(call.Arguments[0], env, null);
                var module = ModuleOf(owner, call);
                return Attribute(owner, module, runtime.Name[4..], runtime.Invoke(module, null), call);
            }
        }

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
            var value = Expr(call.Arguments[j], env, operandTypes[j]);
            if (!schemaArgs[index].Type.Accepts(value.Type))
                throw Error(call, $"argument '{schemaArgs[index].Name}' of {op.QualifiedName} expects {schemaArgs[index].Type}, got {value.Type}");
            bound[index] = value;
        }

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
        if (node.Outputs.Count != 1) throw Error(call, $"{op.QualifiedName} returns {node.Outputs.Count} values; only single results are supported yet");
        return node.Output;
    }

    private static readonly OpDef LogicalNot = OpRegistry.Get("aten::__not__");

    // An op whose inputs are already graph values (no defaults to fill).
    private Value OpCall(OpDef op, Value[] inputs, ILInstruction at)
    {
        var node = graph.CreateOp(op, inputs);
        node.Source = Locate(at);
        graph.Insert(node);
        return node.Output;
    }

    private static int IndexOf(OpDef op, string name)
    {
        for (int i = 0; i < op.Schema.Arguments.Count; i++)
            if (op.Schema.Arguments[i].Name == name) return i;
        throw new InvalidOperationException($"{op.QualifiedName} has no argument '{name}'");
    }

    private Value ModuleCall(CallInstruction call, Env env)
    {
        var target = Expr(call.Arguments[0], env, null);
        var module = ModuleOf(target, call);
        var method = owner.EnsureForward(module);
        var node = graph.Create(NodeKinds.CallMethod).SetAttribute("name", "forward").AddInput(target);
        for (int i = 1; i < call.Arguments.Count; i++) node.AddInput(Expr(call.Arguments[i], env, null));
        foreach (var output in method.Graph.Outputs) node.AddOutput(output.Type);
        node.Source = Locate(call);
        graph.Insert(node);
        return node.Output;
    }
}
