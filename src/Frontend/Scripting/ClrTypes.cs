using ICSharpCode.Decompiler.TypeSystem;
using TorchJit.Ir;

namespace TorchJit.Frontend;

/// <summary>C# types of scripted signatures and locals as TorchScript types.</summary>
internal static class ClrTypes
{
    public static JitType? ToJit(Type t) =>
        typeof(Tensor).IsAssignableFrom(t) ? TensorType.Any
        : t == typeof(long) || t == typeof(int) ? IntType.Instance
        : t == typeof(double) || t == typeof(float) ? FloatType.Instance
        : t == typeof(bool) ? BoolType.Instance
        : null;

    public static Type? FromIl(IType t) => t.FullName switch
    {
        "System.Boolean" => typeof(bool),
        "System.Int32" => typeof(int),
        "System.Int64" => typeof(long),
        "System.Single" => typeof(float),
        "System.Double" => typeof(double),
        _ => null,
    };
}
