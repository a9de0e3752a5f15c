using System.Reflection;

namespace TorchJit.Codegen;

/// <summary>Reflection handles the emitter needs, looked up once.</summary>
internal static class EmitHandles
{
    public static readonly MethodInfo ScalarFromInt64 = typeof(Scalar).GetMethod(nameof(Scalar.FromInt64))!;
    public static readonly MethodInfo ScalarFromDouble = typeof(Scalar).GetMethod(nameof(Scalar.FromDouble))!;
    public static readonly MethodInfo ScalarFromBool = typeof(Scalar).GetMethod(nameof(Scalar.FromBool))!;
}
