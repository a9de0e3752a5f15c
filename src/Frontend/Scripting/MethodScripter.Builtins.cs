using System.Reflection;
using ICSharpCode.Decompiler.IL;
using TorchJit.Ir;

namespace TorchJit.Frontend;

/// <summary>
/// Members of the eager API and the BCL that have no <c>[Op]</c> but a TorchScript meaning:
/// <c>x.size(d)</c> and <c>x.Shape[d]</c> are <c>aten::size.int</c>, <c>x.shapeArray()</c> is
/// <c>aten::size</c>, <c>x.Dim</c> is <c>aten::dim</c>, <c>s.ToDouble()</c> of a <c>Scalar</c> is
/// <c>aten::Float.Scalar</c>, <c>Math.Sqrt</c> is <c>aten::sqrt.float</c>, string <c>==</c> is <c>aten::eq.str</c>,
/// <c>x.DType</c> is <c>prim::dtype</c> (a ScalarType number; DType constants compared with it are mapped to
/// theirs) and <c>torch.zeros(size)</c> is <c>aten::zeros</c>.
/// </summary>
internal sealed partial class MethodScripter
{
    private Value? BuiltinCall(MethodBase runtime, CallInstruction call, Env env)
    {
        var type = runtime.DeclaringType;
        if (type == typeof(Scalar))
        {
            switch (runtime.Name)
            {
                case "op_Implicit":
                    return Expr(call.Arguments[0], env, runtime.GetParameters()[0].ParameterType);
                case "ToDouble":
                    return Emit("aten::Float.Scalar", call, Receiver(call, env));
                case "ToInt64":
                    return Emit("aten::Int.Scalar", call, Receiver(call, env));
                case "ToSingle":
                    throw Error(call, "Scalar.ToSingle rounds to 32 bits, but TorchScript's float is 64-bit: use ToDouble");
            }
        }

        if (type == typeof(Tensor))
        {
            switch (runtime.Name)
            {
                case "size" when call.Arguments.Count == 2:
                    return Emit("aten::size.int", call, Expr(call.Arguments[0], env, null), Number(call.Arguments[1], env, IntType.Instance));
                case "shapeArray":
                    return Emit("aten::size", call, Expr(call.Arguments[0], env, null));
                case "get_Dim":
                    return Emit("aten::dim", call, Expr(call.Arguments[0], env, null));
                case "get_NumElements":
                    return Emit("aten::numel", call, Expr(call.Arguments[0], env, null));
                case "get_DType":
                    return Emit("prim::dtype", call, Expr(call.Arguments[0], env, null));
                case "get_Shape":
                    throw Error(call, "x.Shape can only be indexed (x.Shape[d]) or measured (x.Shape.Length) in scripted code; use x.shapeArray() for the list");
            }
        }

        if (type == typeof(torch) && runtime.Name == "zeros" && runtime.GetParameters() is [{ ParameterType: var sizeType }] && sizeType == typeof(long[]))
            return Emit("aten::zeros", call, Expr(call.Arguments[0], env, typeof(long[])), graph.InsertConstant(null));

        if (type == typeof(Math) && call.Arguments.Count == 1 && runtime.GetParameters()[0].ParameterType == typeof(double))
        {
            string? op = runtime.Name switch { "Sqrt" => "aten::sqrt.float", "Exp" => "aten::exp.float", "Log" => "aten::log.float", _ => null };
            if (op is not null) return Emit(op, call, Number(call.Arguments[0], env, FloatType.Instance));
        }

        if (type == typeof(string) && runtime.Name is "op_Equality" or "op_Inequality")
        {
            var left = Expr(call.Arguments[0], env, null);
            var right = Expr(call.Arguments[1], env, null);
            if (left.Type is not StringType || right.Type is not StringType) throw Error(call, "comparing a string with null is not supported");
            return Emit(runtime.Name == "op_Equality" ? "aten::eq.str" : "aten::ne.str", call, left, right);
        }

        return null;
    }

    // The value a struct method is called on (ILAst passes its address).
    private Value Receiver(CallInstruction call, Env env) => call.Arguments[0] switch
    {
        AddressOf address => Expr(address.Value, env, null),
        LdLoca local => env.TryGet(local.Variable, out var v) ? v : throw Error(call, $"local '{local.Variable.Name}' has no value on this path"),
        var other => Expr(other, env, null),
    };

    // x.Shape[d] and x.Shape.Length: ILAst reads the span through its address.
    private Value SpanCall(CallInstruction call, Env env)
    {
        if (call.Arguments[0] is not AddressOf { Value: CallInstruction { Method.Name: "get_Shape" } shape })
            throw Error(call, "spans can only be used as x.Shape[d] or x.Shape.Length in scripted code");
        var tensor = Expr(shape.Arguments[0], env, null);
        return call.Method.Name switch
        {
            "get_Item" => Emit("aten::size.int", call, tensor, Number(call.Arguments[1], env, IntType.Instance)),
            "get_Length" => Emit("aten::dim", call, tensor),
            _ => throw Error(call, $"Shape.{call.Method.Name} is not supported (only x.Shape[d] and x.Shape.Length)"),
        };
    }
}
