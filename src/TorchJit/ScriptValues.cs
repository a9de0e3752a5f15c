using System.Runtime.CompilerServices;
using TorchJit.Ir;

namespace TorchJit;

/// <summary>C# values to and from the interpreter's <see cref="IValue"/>s, for <see cref="ScriptModule.RunMethod(string, object?[])"/>.</summary>
internal static class ScriptValues
{
    public static IValue FromObject(object? value) => value switch
    {
        null => IValue.None,
        Tensor t => IValue.From(t),
        long l => IValue.From(l),
        int i => IValue.From(i),
        double d => IValue.From(d),
        float f => IValue.From(f),
        bool b => IValue.From(b),
        string s => IValue.From(s),
        Scalar s => IValue.From(s),
        long[] list => IValue.From(list),
        Tensor[] tensors => IValue.From(tensors),
        ITuple tuple => IValue.Tuple([.. Enumerable.Range(0, tuple.Length).Select(i => FromObject(tuple[i]))]),
        _ => throw new ArgumentException($"a {value.GetType().Name} cannot be passed to a scripted method"),
    };

    public static object? ToObject(IValue value, Type target)
    {
        if (value.Kind == IValueKind.Tuple)
        {
            var elements = value.ToTuple();
            if (target.IsGenericType && target.FullName?.StartsWith("System.ValueTuple`", StringComparison.Ordinal) == true)
            {
                var types = target.GetGenericArguments();
                return Activator.CreateInstance(target, [.. elements.Select((e, i) => ToObject(e, types[i]))]);
            }

            return elements.Select(e => ToObject(e, typeof(object))).ToArray();
        }

        return value.Kind switch
        {
            IValueKind.None => null,
            IValueKind.Tensor => value.ToTensor(),
            IValueKind.Int => target == typeof(int) ? (int)value.ToInt() : value.ToInt(),
            IValueKind.Double => target == typeof(float) ? (float)value.ToDouble() : value.ToDouble(),
            IValueKind.Bool => value.ToBool(),
            IValueKind.String => value.ToStringValue(),
            IValueKind.IntList => value.ToIntList(),
            IValueKind.TensorList => value.ToTensorList(),
            _ => throw new InvalidOperationException($"a {value.Kind} result cannot be returned to C#"),
        };
    }
}
