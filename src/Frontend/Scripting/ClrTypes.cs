using System.Reflection;
using ICSharpCode.Decompiler.TypeSystem;
using TorchJit.Ir;
using TupleType = TorchJit.Ir.TupleType;

namespace TorchJit.Frontend;

/// <summary>
/// C# types of scripted signatures and locals as TorchScript types: <c>Tensor</c> (<c>Tensor?</c> when
/// annotated nullable), <c>int</c>/<c>long</c> as <c>int</c>, <c>double</c>/<c>float</c> as <c>float</c>,
/// <c>bool</c>, <c>string</c> as <c>str</c>, <c>long[]</c> as <c>int[]</c>, <c>Scalar</c>, and value tuples of those.
/// </summary>
internal static class ClrTypes
{
    // NullabilityInfoContext caches into a plain dictionary, so one shared instance breaks when two threads
    // script at once (Jit.Compile from a host's workers); one per thread keeps its cache without a lock.
    [ThreadStatic]
    private static NullabilityInfoContext? nullability;

    private static NullabilityInfoContext Nullability => nullability ??= new();

    public static JitType? ToJit(Type? t)
    {
        if (t is null) return null;
        if (typeof(Tensor).IsAssignableFrom(t)) return TensorType.Any;
        if (t == typeof(long) || t == typeof(int)) return IntType.Instance;
        if (t == typeof(double) || t == typeof(float)) return FloatType.Instance;
        if (t == typeof(bool)) return BoolType.Instance;
        if (t == typeof(string)) return StringType.Instance;
        if (t == typeof(Scalar)) return NumberType.Instance;
        if (t == typeof(long[])) return new ListType(IntType.Instance);
        if (Nullable.GetUnderlyingType(t) is { } inner) return ToJit(inner) is { } element ? new OptionalType(element) : null;
        if (IsValueTuple(t))
        {
            var elements = t.GetGenericArguments().Select(ToJit).ToArray();
            return elements.All(e => e is not null) ? new TupleType(elements!) : null;
        }

        return null;
    }

    /// <summary>A parameter's type, optional where the C# type is a nullable reference (<c>Tensor?</c>).</summary>
    public static JitType? ToJit(ParameterInfo p)
    {
        var type = ToJit(p.ParameterType);
        if (type is TensorType && Nullability.Create(p).ReadState == NullabilityState.Nullable) return new OptionalType(type);
        if (type is TupleType tuple && Nullability.Create(p) is { GenericTypeArguments: var args } && args.Length == tuple.Elements.Count)
            return new TupleType(tuple.Elements.Select((e, i) => e is TensorType && args[i].ReadState == NullabilityState.Nullable ? new OptionalType(e) : e).ToArray());
        return type;
    }

    /// <summary>The run-time type of a decompiler type (the primitive types, Tensor, Scalar and value tuples of them).</summary>
    public static Type? FromIl(IType t) => t.FullName switch
    {
        "System.Boolean" => typeof(bool),
        "System.Int32" => typeof(int),
        "System.Int64" => typeof(long),
        "System.Single" => typeof(float),
        "System.Double" => typeof(double),
        "System.String" => typeof(string),
        _ => null,
    };

    /// <summary>Like <see cref="FromIl"/>, also for Tensor, Scalar, long[] and tuples.</summary>
    public static Type? FromIlType(IType t)
    {
        if (FromIl(t) is { } primitive) return primitive;
        if (t.FullName == typeof(Tensor).FullName || t.FullName == typeof(Parameter).FullName) return typeof(Tensor);
        if (t.FullName == typeof(Scalar).FullName) return typeof(Scalar);
        if (t is ArrayType { Dimensions: 1, ElementType.FullName: "System.Int64" }) return typeof(long[]);
        if (NullableType.IsNullable(t)) return FromIlType(NullableType.GetUnderlyingType(t)) is { IsValueType: true } inner ? typeof(Nullable<>).MakeGenericType(inner) : null;
        if (IsTuple(t))
        {
            var elements = TupleElements(t).Select(FromIlType).ToArray();
            if (elements.Any(e => e is null) || elements.Length is 0 or > 7) return null;
            return Type.GetType($"System.ValueTuple`{elements.Length}")!.MakeGenericType(elements!);
        }

        return null;
    }

    public static bool IsTuple(IType t) =>
        t is ICSharpCode.Decompiler.TypeSystem.TupleType || (t.Namespace == "System" && t.Name == "ValueTuple" && t.TypeParameterCount > 0);

    private static IReadOnlyList<IType> TupleElements(IType t) =>
        t is ICSharpCode.Decompiler.TypeSystem.TupleType tuple ? tuple.ElementTypes : t.TypeArguments;

    public static bool IsValueTuple(Type t) => t.IsGenericType && t.FullName?.StartsWith("System.ValueTuple`", StringComparison.Ordinal) == true;

    /// <summary>A type as C# code names it (<c>List&lt;Tensor&gt;</c>), for messages.</summary>
    public static string Describe(Type t) =>
        t.IsGenericType ? t.Name[..t.Name.IndexOf('`')] + "<" + string.Join(", ", t.GetGenericArguments().Select(Describe)) + ">" : t.Name;
}
