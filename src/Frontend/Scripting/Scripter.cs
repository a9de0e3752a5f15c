using System.Reflection;
using TorchJit.Ir;

namespace TorchJit.Frontend;

/// <summary>
/// Scripts a module (<c>torch.jit.script</c>): reads the compiled IL of its <c>forward</c> and of its
/// <see cref="ExportAttribute"/> methods and, recursively, of everything they call: sub-modules'
/// methods and the module's own helpers become methods of their objects (<c>prim::CallMethod</c>),
/// static helpers become functions (<c>prim::CallFunction</c>). Each method is scripted once per
/// module instance; <see cref="IgnoreAttribute"/> methods never are.
/// </summary>
public sealed class Scripter
{
    private readonly ModuleExporter exporter = new();
    private readonly Dictionary<ScriptObject, Dictionary<MethodInfo, Method>> methods = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<ScriptObject, Dictionary<string, MethodInfo>> names = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<MethodInfo, FunctionType> functions = [];
    private readonly HashSet<object> inProgress = [];
    private readonly HashSet<ScriptObject> exported = new(ReferenceEqualityComparer.Instance);

    private Scripter()
    {
    }

    /// <summary>Scripts <paramref name="module"/>; returns its object with <c>forward</c> and the exported methods.</summary>
    public static ScriptObject Script(torch.nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        var scripter = new Scripter();
        var forward = EntryForward(module.GetType())
            ?? throw new NotSupportedException($"module {module.GetType().Name} has no forward method to script");
        scripter.EnsureMethod(module, forward, null);
        return scripter.ObjectFor(module);
    }

    internal ScriptObject ObjectFor(torch.nn.Module module) => exporter.Export(module);

    /// <summary>
    /// The method <paramref name="callee"/> (or its override) of <paramref name="module"/>'s object,
    /// scripted on first use. The module's <c>forward</c> is named <c>forward</c>; other methods keep their
    /// names (<c>name__N</c> for a second overload).
    /// </summary>
    internal Method EnsureMethod(torch.nn.Module module, MethodInfo callee, SourceLocation? at)
    {
        var implementation = Implementation(module.GetType(), callee);
        var obj = ObjectFor(module);
        var own = Own(methods, obj);
        if (own.TryGetValue(implementation, out var existing)) return existing;
        Check(implementation, at);
        var key = (obj, implementation);
        if (!inProgress.Add(key)) throw Recursion(implementation, at);
        try
        {
            string name = Reserve(obj, implementation, implementation == EntryForward(module.GetType()) ? "forward" : implementation.Name);
            var graph = new MethodScripter(this, implementation).Build(module, obj);
            var method = new Method(name, graph);
            obj.AddMethod(method);
            own[implementation] = method;
        }
        finally
        {
            inProgress.Remove(key);
        }

        // As torch.jit.script compiles @torch.jit.export methods of every module it scripts.
        if (exported.Add(obj))
        {
            foreach (var m in ExportedMethods(module.GetType()))
                EnsureMethod(module, m, null);
        }

        return own[implementation];
    }

    /// <summary>The static helper <paramref name="callee"/> as a function, scripted on first use.</summary>
    internal FunctionType EnsureFunction(MethodInfo callee, SourceLocation? at)
    {
        if (functions.TryGetValue(callee, out var existing)) return existing;
        Check(callee, at);
        if (!inProgress.Add(callee)) throw Recursion(callee, at);
        try
        {
            var graph = new MethodScripter(this, callee).Build(null, null);
            string name = callee.Name;
            for (int n = 1; functions.Values.Any(f => f.Name == name); n++) name = callee.Name + "__" + n;
            var function = new FunctionType(name, graph);
            functions[callee] = function;
            return function;
        }
        finally
        {
            inProgress.Remove(callee);
        }
    }

    /// <summary>
    /// True for a static method whose IL may be scripted: user code, or a module class's own helper; not
    /// the BCL, and not the eager API's internals (their ops are reached through <c>[Op]</c>).
    /// </summary>
    internal static bool IsUserCode(MethodInfo method)
    {
        var type = method.DeclaringType;
        if (type is null || method.IsGenericMethodDefinition || method.ContainsGenericParameters || method.GetMethodBody() is null) return false;
        var assembly = type.Assembly;
        string name = assembly.GetName().Name ?? "";
        if (name is "mscorlib" or "netstandard" || name.StartsWith("System", StringComparison.Ordinal) || name.StartsWith("Microsoft", StringComparison.Ordinal)) return false;
        if (assembly == typeof(Tensor).Assembly || assembly == typeof(Kernels.DType).Assembly) return false;
        return assembly != typeof(torch.nn.Module).Assembly || typeof(torch.nn.Module).IsAssignableFrom(type);
    }

    /// <summary>The override of <c>Module&lt;T, TResult&gt;.forward(T)</c> in <paramref name="type"/>, if it derives from that.</summary>
    internal static MethodInfo? EntryForward(Type type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (!t.IsGenericType || t.GetGenericTypeDefinition() != typeof(torch.nn.Module<,>)) continue;
            var input = t.GetGenericArguments()[0];
            return type.GetMethods(BindingFlags.Instance | BindingFlags.Public)
                .Where(m => m.Name == "forward" && !m.IsAbstract && m.GetParameters() is [var p] && p.ParameterType == input)
                .OrderByDescending(m => Depth(m.DeclaringType))
                .FirstOrDefault();
        }

        return null;
    }

    private static int Depth(Type? t)
    {
        int depth = 0;
        for (; t is not null; t = t.BaseType) depth++;
        return depth;
    }

    // The method a call on a module of type `runtimeType` runs: the override of a virtual method; forward for Module.call.
    internal static MethodInfo Implementation(Type runtimeType, MethodInfo callee)
    {
        if (callee.Name == "call" && callee.DeclaringType is { IsGenericType: true } d && d.GetGenericTypeDefinition() == typeof(torch.nn.Module<,>))
            return EntryForward(runtimeType) ?? callee;
        if (!callee.IsVirtual || callee.IsFinal) return callee;
        var baseDefinition = callee.GetBaseDefinition();
        for (var t = runtimeType; t is not null; t = t.BaseType)
        {
            foreach (var m in t.GetMethods(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                var b = m.GetBaseDefinition();
                if (b.MetadataToken == baseDefinition.MetadataToken && b.Module == baseDefinition.Module)
                    return m;
            }
        }

        return callee;
    }

    private static IEnumerable<MethodInfo> ExportedMethods(Type type) =>
        type.GetMethods(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(m => m.IsDefined(typeof(ExportAttribute)) && !m.IsDefined(typeof(IgnoreAttribute)))
            .OrderBy(m => m.MetadataToken);

    private string Reserve(ScriptObject obj, MethodInfo implementation, string name)
    {
        var taken = Own(names, obj);
        string unique = name;
        for (int n = 1; taken.TryGetValue(unique, out var holder) && holder != implementation; n++) unique = name + "__" + n;
        taken[unique] = implementation;
        return unique;
    }

    private static Dictionary<TKey, TValue> Own<TKey, TValue>(Dictionary<ScriptObject, Dictionary<TKey, TValue>> table, ScriptObject obj)
        where TKey : notnull
    {
        if (!table.TryGetValue(obj, out var own)) table[obj] = own = [];
        return own;
    }

    private static void Check(MethodInfo method, SourceLocation? at)
    {
        string name = method.DeclaringType?.Name + "." + method.Name;
        if (method.IsDefined(typeof(IgnoreAttribute)))
            throw new ScriptException(name, at, $"{name} is marked [Ignore]: it is left out of scripting and cannot be called from scripted code");
        if (method.IsAbstract) throw new ScriptException(name, at, $"{name} is abstract: there is no code to script");
        if (method.IsGenericMethodDefinition || method.ContainsGenericParameters) throw new ScriptException(name, at, $"{name} is generic: generic methods cannot be scripted");
    }

    private static ScriptException Recursion(MethodInfo method, SourceLocation? at)
    {
        string name = method.DeclaringType?.Name + "." + method.Name;
        return new ScriptException(name, at, $"{name} calls itself (directly or through other methods): recursion cannot be scripted, as in TorchScript");
    }
}
