using System.Collections;

namespace TorchJit.Modules;

/// <summary>Holds sub-modules by name, in insertion order (PyTorch's <c>nn.ModuleDict</c>).</summary>
public sealed class ModuleDict<T> : torch.nn.Module, IReadOnlyList<(string Key, T Value)>
    where T : torch.nn.Module
{
    private readonly List<(string Key, T Value)> items = [];

    /// <summary>A dictionary of <paramref name="modules"/>.</summary>
    public ModuleDict(params (string Key, T Value)[] modules)
        : base(nameof(ModuleDict<T>))
    {
        foreach (var (k, v) in modules) Add(k, v);
    }

    /// <inheritdoc/>
    public override string TorchScriptClassName => "__torch__.torch.nn.modules.container.ModuleDict";

    /// <inheritdoc/>
    public int Count => items.Count;

    /// <inheritdoc/>
    public (string Key, T Value) this[int index] => items[index];

    /// <summary>The module called <paramref name="key"/>.</summary>
    public T this[string key] => items.Find(i => i.Key == key).Value ?? throw new KeyNotFoundException($"ModuleDict has no module '{key}'");

    /// <summary>Adds a module under <paramref name="key"/>.</summary>
    public void Add(string key, T module)
    {
        register_module(key, module);
        items.Add((key, module));
    }

    /// <inheritdoc/>
    public override void RegisterComponents()
    {
        // Registered as they are added.
    }

    /// <inheritdoc/>
    public IEnumerator<(string Key, T Value)> GetEnumerator() => items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => items.GetEnumerator();
}
