using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using TorchJit.Kernels;

namespace TorchJit.Codegen;

/// <summary>
/// The reflection handles a fused loop calls at one width, looked up once: the vector type, its load, store
/// and broadcast, and the operator structs' <c>Invoke</c> overloads (cached per operator). The scalar width has
/// the same shape, with <see cref="Unsafe.Add{T}(ref T, nuint)"/> for addressing.
/// </summary>
internal sealed class SimdHandles
{
    private static readonly SimdHandles V128 = new(typeof(Vector128), typeof(Vector128<float>));
    private static readonly SimdHandles V256 = new(typeof(Vector256), typeof(Vector256<float>));
    private static readonly SimdHandles V512 = new(typeof(Vector512), typeof(Vector512<float>));

    /// <summary><c>ref float Unsafe.Add(ref float, nuint)</c>: the address of one element, for the scalar tail.</summary>
    public static readonly MethodInfo ElementAt = GenericMethod(typeof(Unsafe), nameof(Unsafe.Add), p => p.Length == 2 && p[1].ParameterType == typeof(nuint));

    private static readonly ConcurrentDictionary<(Type Operator, Type Operand, int Arity), MethodInfo> Invokes = new();

    private SimdHandles(Type statics, Type vector)
    {
        Vector = vector;
        Load = GenericMethod(statics, "LoadUnsafe", p => p.Length == 2 && p[1].ParameterType == typeof(nuint));
        Store = GenericMethod(statics, "StoreUnsafe", p => p.Length == 3 && p[2].ParameterType == typeof(nuint));
        Splat = statics.GetMethod("Create", [typeof(float)]) ?? throw new MissingMethodException(statics.Name, "Create(float)");
    }

    /// <summary>The vector type (<c>Vector256&lt;float&gt;</c>).</summary>
    public Type Vector { get; }

    /// <summary><c>VectorN.LoadUnsafe(ref float, nuint)</c>.</summary>
    public MethodInfo Load { get; }

    /// <summary><c>VectorN.StoreUnsafe(VectorN&lt;float&gt;, ref float, nuint)</c>.</summary>
    public MethodInfo Store { get; }

    /// <summary><c>VectorN.Create(float)</c>: every lane set to one value.</summary>
    public MethodInfo Splat { get; }

    /// <summary>The handles of a vector width (not <see cref="VectorWidth.Scalar"/> or <see cref="VectorWidth.Best"/>).</summary>
    public static SimdHandles For(VectorWidth width) => width switch
    {
        VectorWidth.V128 => V128,
        VectorWidth.V256 => V256,
        VectorWidth.V512 => V512,
        _ => throw new ArgumentOutOfRangeException(nameof(width), width, "not a vector width"),
    };

    /// <summary><c>TOp.Invoke</c> on <paramref name="operand"/> (float or a vector type) with <paramref name="arity"/> operands.</summary>
    public static MethodInfo Invoke(Type op, Type operand, int arity) => Invokes.GetOrAdd((op, operand, arity), static key =>
    {
        var parameters = key.Arity == 1 ? new[] { key.Operand } : [key.Operand, key.Operand];
        return key.Operator.GetMethod("Invoke", BindingFlags.Public | BindingFlags.Static, parameters)
            ?? throw new MissingMethodException(key.Operator.Name, $"Invoke({string.Join(", ", parameters.Select(p => p.Name))})");
    });

    // The float instantiation of the one generic overload of `name` whose parameters pass `match`.
    private static MethodInfo GenericMethod(Type type, string name, Func<ParameterInfo[], bool> match)
    {
        foreach (var m in type.GetMethods(BindingFlags.Public | BindingFlags.Static))
            if (m.Name == name && m.IsGenericMethodDefinition && match(m.GetParameters())) return m.MakeGenericMethod(typeof(float));
        throw new MissingMethodException(type.Name, name);
    }
}
