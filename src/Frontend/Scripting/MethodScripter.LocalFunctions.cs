using ICSharpCode.Decompiler.IL;
using TorchJit.Ir;

namespace TorchJit.Frontend;

/// <summary>
/// Local functions are inlined where they are called: ILAst keeps their bodies in
/// <see cref="ILFunction.LocalFunctions"/>, reading the variables they capture as the enclosing method's own
/// locals, so the body is emitted with the caller's values (and what it assigns to captured locals flows
/// back). TorchScript has no closures; inlining keeps the meaning. A local function calling itself is refused.
/// Null-conditional access (<c>b?.narrow(...)</c>) is None when <c>b</c> is, the access otherwise.
/// </summary>
internal sealed partial class MethodScripter
{
    private int localFunctionDepth;

    private Value LocalFunctionCall(ILFunction local, CallInstruction call, Env env)
    {
        if (localFunctionDepth > 16) throw Error(call, $"local function {local.Name} calls itself: recursion cannot be scripted");
        var parameters = local.Variables.Where(v => v.Kind == VariableKind.Parameter && v.Index >= 0).OrderBy(v => v.Index).ToList();
        var callee = env.Clone();
        for (int i = 0; i < call.Arguments.Count; i++)
            callee.Set(parameters[i], Expr(call.Arguments[i], env, ClrTypes.FromIlType(parameters[i].Type)));
        foreach (var self in local.Variables.Where(v => v.Kind == VariableKind.Parameter && v.Index < 0))
            if (function.Variables.FirstOrDefault(v => v.Kind == VariableKind.Parameter && v.Index < 0) is { } outerSelf && env.TryGet(outerSelf, out var selfValue))
                callee.Set(self, selfValue);

        var outer = function;
        var outerPoints = points;
        var body = (BlockContainer)local.Body;
        function = local;
        // The body's IL offsets are its own method's: locate with that method's sequence points.
        if (Members.ResolveMethod(local.Method!) is { } compiled) points = assembly.SequencePoints(compiled);
        localFunctionDepth++;
        Outcome outcome;
        try
        {
            containerExits[body] = null;
            outcome = Run(new Cont(body.EntryPoint, 0, null), callee, graph.InsertPoint.Owner!, null);
        }
        finally
        {
            function = outer;
            points = outerPoints;
            localFunctionDepth--;
        }

        if (outcome.Never) return Uninitialized(ClrTypes.ToJit(ClrTypes.FromIlType(local.Method!.ReturnType)) ?? NoneType.Instance);
        if (!outcome.IsSingle || !outcome.Only.IsReturn) throw Error(call, $"local function {local.Name} does not return a value on every path");
        // Captured locals the local function assigned keep their new values.
        foreach (var (key, value) in outcome.Env.Bindings)
            if (key is ILVariable v && env.TryGet(v, out _) && !parameters.Contains(v)) env.Set(v, value);
        return Returned(outcome.Env);
    }

    private ILFunction? LocalFunctionOf(CallInstruction call) =>
        call.Method.IsLocalFunction
            ? function.Ancestors.OfType<ILFunction>().Prepend(function).SelectMany(f => f.LocalFunctions)
                .FirstOrDefault(f => f.Method is { } m && m.MetadataToken == call.Method.MetadataToken)
            : null;

    // a?.M(...): None when a is None, else M on the value.
    private Value NullConditional(NullableRewrap rewrap, Env env, Type? expected)
    {
        var unwrap = rewrap.Descendants.OfType<NullableUnwrap>().FirstOrDefault(u => u.Ancestors.OfType<NullableRewrap>().First() == rewrap)
            ?? throw Error(rewrap, "null-conditional expression of an unexpected shape");
        var value = Expr(unwrap.Argument, env, null);
        if (value.Type is NoneType) return graph.InsertConstant(null);
        if (value.Type is not OptionalType)
        {
            unwrapped[unwrap] = value;
            return Expr(rewrap.Argument, env, expected);
        }

        var node = graph.Create(NodeKinds.If).AddInput(Emit("aten::__isnot__", rewrap, value, graph.InsertConstant(null)));
        graph.Insert(node);
        var present = node.AddBlock();
        var absent = node.AddBlock();
        Value result;
        using (graph.InsertPointAtEnd(present))
        {
            unwrapped[unwrap] = Coerce(value, TensorType.Any, rewrap);
            result = Expr(rewrap.Argument, env.Clone(), expected);
        }

        Value none;
        using (graph.InsertPointAtEnd(absent)) none = graph.InsertConstant(null);
        present.AddOutput(result);
        absent.AddOutput(none);
        return node.AddOutput(Unify(result.Type, NoneType.Instance, rewrap));
    }
}
