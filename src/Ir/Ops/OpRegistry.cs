using System.Collections.Frozen;
using System.Reflection;

namespace TorchJit.Ir;

/// <summary>
/// The one registry of ops: every <c>[Schema]</c> method of the op classes, keyed by qualified name
/// (<c>aten::add.Tensor</c>) and grouped by kind (<c>aten::add</c>) for overload resolution.
/// </summary>
public static class OpRegistry
{
    private static readonly FrozenDictionary<string, OpDef> ByName;
    private static readonly FrozenDictionary<string, OpDef[]> ByKind;

    static OpRegistry()
    {
        var defs = new List<OpDef>();
        foreach (var type in OpClasses())
        {
            foreach (var m in type.GetMethods(BindingFlags.Public | BindingFlags.Static))
            {
                var attr = m.GetCustomAttribute<SchemaAttribute>();
                if (attr is null) continue;
                var schema = OpSchema.Parse(attr.Schema);
                var shape = type.GetMethod(m.Name + "_type", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static, [typeof(IReadOnlyList<JitType>), typeof(IReadOnlyList<IValue?>)]);
                var typeFn = shape is not null ? shape.CreateDelegate<OutputTypeFunction>()
                    : (attr.Traits & OpTraits.Elementwise) != 0 ? ElementwiseType(schema.Kind)
                    : null;
                defs.Add(new OpDef(schema, attr.Traits, m, OpInvokerCompiler.Compile(m, schema), typeFn, OutVariant(type, m)));
            }
        }

        ByName = defs.ToFrozenDictionary(d => d.QualifiedName, StringComparer.Ordinal);
        ByKind = defs.GroupBy(d => d.Schema.Kind).ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>Every registered op.</summary>
    public static IEnumerable<OpDef> All => ByName.Values;

    /// <summary>The op with this qualified name; throws <see cref="NotSupportedException"/> naming it when absent.</summary>
    public static OpDef Get(string qualifiedName) =>
        ByName.TryGetValue(qualifiedName, out var d) ? d : throw new NotSupportedException($"op '{qualifiedName}' is not in the registry");

    /// <summary>The op with this qualified name, or null.</summary>
    public static OpDef? Find(string qualifiedName) => ByName.GetValueOrDefault(qualifiedName);

    /// <summary>All overloads of a kind (<c>aten::add</c>).</summary>
    public static IReadOnlyList<OpDef> Overloads(string kind) => ByKind.TryGetValue(kind, out var d) ? d : [];

    // The out variant of m: m's name + "_out", m's parameters and a last Tensor, returning void (OpDef.OutImplementation).
    private static MethodInfo? OutVariant(Type type, MethodInfo m)
    {
        Type[] parameters = [.. m.GetParameters().Select(p => p.ParameterType), typeof(Tensor)];
        var method = type.GetMethod(m.Name + "_out", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static, parameters);
        if (method is null) return null;
        if (method.ReturnType != typeof(void) || m.ReturnType != typeof(Tensor))
            throw new InvalidOperationException($"op registry: {method.Name} must return void and {m.Name} a Tensor to be its out variant");
        return method;
    }

    // Elementwise ops without their own rule: the broadcast of their tensor inputs, float32 if any is.
    private static OutputTypeFunction ElementwiseType(string kind) => (inputs, _) => OutputTypes.Elementwise(kind, inputs);

    // The op classes are listed here, not discovered by scanning, so the set of ops is explicit.
    private static IEnumerable<Type> OpClasses() => [typeof(AtenOps)];
}
