using System.Collections;
using System.Globalization;

namespace TorchJit.Modules;

/// <summary>
/// Holds sub-modules in a list, registered as <c>"0"</c>, <c>"1"</c>, … (PyTorch's <c>nn.ModuleList</c>).
/// It has no forward; iterate it in the owner's forward (scripting unrolls the loop).
/// </summary>
public sealed class ModuleList<T> : torch.nn.Module, IReadOnlyList<T>
    where T : torch.nn.Module
{
    private readonly List<T> items = [];

    /// <summary>A list of <paramref name="modules"/>.</summary>
    public ModuleList(params T[] modules)
        : base(nameof(ModuleList<T>))
    {
        foreach (var m in modules) Add(m);
    }

    /// <inheritdoc/>
    public override string TorchScriptClassName => "__torch__.torch.nn.modules.container.ModuleList";

    /// <inheritdoc/>
    public int Count => items.Count;

    /// <inheritdoc/>
    public T this[int index] => items[index];

    /// <summary>Appends a module, registered under the next index.</summary>
    public void Add(T module)
    {
        register_module(items.Count.ToString(CultureInfo.InvariantCulture), module);
        items.Add(module);
    }

    /// <inheritdoc/>
    public override void RegisterComponents()
    {
        // Registered as they are added.
    }

    /// <summary>The modules in order (a struct enumerator, so foreach allocates nothing).</summary>
    public List<T>.Enumerator GetEnumerator() => items.GetEnumerator();

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => items.GetEnumerator();
}
