using System.Reflection;
using TorchJit.Ir;

namespace TorchJit.Codegen;

/// <summary>Reflection handles the emitter needs, looked up once.</summary>
internal static class EmitHandles
{
    public static readonly MethodInfo ScalarFromInt64 = typeof(Scalar).GetMethod(nameof(Scalar.FromInt64))!;
    public static readonly MethodInfo ScalarFromDouble = typeof(Scalar).GetMethod(nameof(Scalar.FromDouble))!;
    public static readonly MethodInfo ScalarFromBool = typeof(Scalar).GetMethod(nameof(Scalar.FromBool))!;

    private static readonly Dictionary<Type, MethodInfo> Unpacks = new()
    {
        [typeof(Tensor)] = typeof(IValue).GetMethod(nameof(IValue.ToTensor))!,
        [typeof(long)] = typeof(IValue).GetMethod(nameof(IValue.ToInt))!,
        [typeof(double)] = typeof(IValue).GetMethod(nameof(IValue.ToDouble))!,
        [typeof(bool)] = typeof(IValue).GetMethod(nameof(IValue.ToBool))!,
        [typeof(long[])] = typeof(IValue).GetMethod(nameof(IValue.ToIntList))!,
        [typeof(Tensor[])] = typeof(IValue).GetMethod(nameof(IValue.ToTensorList))!,
    };

    /// <summary>The <see cref="IValue"/> instance method reading a <paramref name="type"/> (called on the IValue's address).</summary>
    public static MethodInfo Unpack(Type type) => Unpacks[type];

    /// <summary>The static <c>IValue.From</c> overload wrapping a <paramref name="type"/>.</summary>
    public static MethodInfo Pack(Type type) => typeof(IValue).GetMethod(nameof(IValue.From), [type])!;
}
