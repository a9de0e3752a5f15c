using TorchJit.Ir;

namespace TorchJit.Frontend;

/// <summary>
/// Mirrors an eager module tree as TorchScript objects: one <see cref="ScriptObject"/> per module with
/// <c>training</c>, its parameters, buffers and sub-modules as slots, in registration order.
/// </summary>
public sealed class ModuleExporter
{
    private readonly Dictionary<torch.nn.Module, ScriptObject> objects = new(ReferenceEqualityComparer.Instance);

    /// <summary>The object for <paramref name="module"/>, built on first request.</summary>
    public ScriptObject Export(torch.nn.Module module)
    {
        if (objects.TryGetValue(module, out var existing)) return existing;
        var obj = new ScriptObject(new ClassType(module.TorchScriptClassName));
        objects[module] = obj;
        obj.SetSlot("training", IValue.From(module.training), SlotKind.Attribute);
        foreach (var (name, p) in module.LocalParameters) obj.SetSlot(name, IValue.From(p), SlotKind.Parameter);
        foreach (var (name, b) in module.LocalBuffers) obj.SetSlot(name, IValue.From(b), SlotKind.Buffer);
        foreach (var (name, child) in module.named_children()) obj.SetSlot(name, IValue.Object(Export(child)), SlotKind.Module);
        return obj;
    }

    /// <summary>The name of the parameter of the <c>forward</c> method, for the graph input (<c>x</c>).</summary>
    public static string ForwardParameterName(torch.nn.Module module) =>
        Scripter.EntryForward(module.GetType())?.GetParameters() is [{ Name: { } name }] ? name : "input";
}
