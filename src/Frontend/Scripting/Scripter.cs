using System.Reflection;
using TorchJit.Ir;

namespace TorchJit.Frontend;

/// <summary>
/// Scripts a module (<c>torch.jit.script</c>): reads the compiled IL of its <c>forward</c> and, recursively,
/// of the sub-modules it calls, keeping control flow. Methods are scripted once per module instance.
/// </summary>
public sealed class Scripter
{
    private readonly ModuleExporter exporter = new();

    private Scripter()
    {
    }

    /// <summary>Scripts <paramref name="module"/>; returns its object with a <c>forward</c> method.</summary>
    public static ScriptObject Script(torch.nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        var scripter = new Scripter();
        scripter.EnsureForward(module);
        return scripter.ObjectFor(module);
    }

    internal ScriptObject ObjectFor(torch.nn.Module module) => exporter.Export(module);

    internal Method EnsureForward(torch.nn.Module module)
    {
        var obj = ObjectFor(module);
        if (obj.Methods.TryGetValue("forward", out var existing)) return existing;
        var forward = module.GetType().GetMethod("forward", BindingFlags.Public | BindingFlags.Instance)
            ?? throw new NotSupportedException($"module {module.GetType().Name} has no public forward method");
        if (forward.IsAbstract) throw new NotSupportedException($"{module.GetType().Name}.forward is abstract");
        var graph = new MethodScripter(this, forward).Build(module, obj);
        var method = new Method("forward", graph);
        obj.AddMethod(method);
        return method;
    }
}
