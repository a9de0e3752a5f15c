using System.Linq.Expressions;
using System.Reflection;

namespace TorchJit.Ir;

/// <summary>
/// Builds the interpreter's <see cref="OpInvoker"/> for an implementation method once, at registration,
/// with expression trees: unpack each <see cref="IValue"/> to the parameter's type, call, wrap the result.
/// So the op's semantics exist once, in its C# method.
/// </summary>
internal static class OpInvokerCompiler
{
    public static OpInvoker Compile(MethodInfo method, OpSchema schema)
    {
        var parameters = method.GetParameters();
        if (parameters.Length != schema.Arguments.Count)
            throw new InvalidOperationException($"{method.DeclaringType?.Name}.{method.Name} has {parameters.Length} parameters but schema {schema} has {schema.Arguments.Count} arguments");
        var args = Expression.Parameter(typeof(IValue[]), "args");
        var call = Expression.Call(method, parameters.Select((p, i) => Unpack(Expression.ArrayIndex(args, Expression.Constant(i)), p.ParameterType, schema.Arguments[i])));
        return Expression.Lambda<OpInvoker>(Pack(call, method.ReturnType), args).Compile();
    }

    private static Expression Unpack(Expression value, Type type, Argument argument)
    {
        string name = type == typeof(Tensor) && argument.Type is OptionalType ? nameof(IValue.ToOptionalTensor)
            : type == typeof(Tensor) ? nameof(IValue.ToTensor)
            : type == typeof(long) ? nameof(IValue.ToInt)
            : type == typeof(long?) ? nameof(IValue.ToOptionalInt)
            : type == typeof(double) ? nameof(IValue.ToDouble)
            : type == typeof(bool) ? nameof(IValue.ToBool)
            : type == typeof(Scalar) ? nameof(IValue.ToScalar)
            : type == typeof(string) ? nameof(IValue.ToStringValue)
            : type == typeof(long[]) && argument.Type is OptionalType ? nameof(IValue.ToOptionalIntList)
            : type == typeof(long[]) ? nameof(IValue.ToIntList)
            : type == typeof(Tensor[]) ? nameof(IValue.ToTensorList)
            : type == typeof(Scalar?) ? nameof(IValue.ToOptionalScalar)
            : type == typeof(double?) ? nameof(IValue.ToOptionalDouble)
            : throw new NotSupportedException($"op parameter type {type.Name} for argument '{argument.Name}'");
        return Expression.Call(value, typeof(IValue).GetMethod(name)!);
    }

    private static Expression Pack(Expression result, Type type)
    {
        if (type == typeof(IValue)) return result;
        if (type == typeof(Scalar)) return Expression.Call(typeof(IValue).GetMethod(nameof(IValue.From), [typeof(Scalar)])!, result);
        var from = typeof(IValue).GetMethod(nameof(IValue.From), [type])
            ?? throw new NotSupportedException($"op result type {type.Name}");
        return Expression.Call(from, result);
    }
}
