namespace TorchJit.Ir;

/// <summary>
/// A module instance in TorchScript's object model: a class type, named slots (parameters, buffers,
/// sub-modules, plain attributes) and methods whose graphs take the object as <c>%self</c>.
/// </summary>
public sealed class ScriptObject
{
    private readonly List<Slot> slots = [];
    private readonly Dictionary<string, Method> methods = new(StringComparer.Ordinal);

    /// <summary>An object of the given class.</summary>
    public ScriptObject(ClassType type) => Type = type;

    /// <summary>The class.</summary>
    public ClassType Type { get; }

    /// <summary>The slots in registration order.</summary>
    public IReadOnlyList<Slot> Slots => slots;

    /// <summary>The methods by name.</summary>
    public IReadOnlyDictionary<string, Method> Methods => methods;

    /// <summary>Adds (or replaces) a slot.</summary>
    public void SetSlot(string name, IValue value, SlotKind kind)
    {
        int i = slots.FindIndex(s => s.Name == name);
        if (i >= 0) slots[i] = new Slot(name, value, kind);
        else slots.Add(new Slot(name, value, kind));
    }

    /// <summary>Reads a slot; throws naming the class when absent.</summary>
    public IValue GetAttr(string name)
    {
        foreach (var s in slots)
            if (s.Name == name) return s.Value;
        throw new KeyNotFoundException($"module '{Type}' has no attribute '{name}'");
    }

    /// <summary>The slot called <paramref name="name"/>, or null.</summary>
    public Slot? FindSlot(string name) => slots.Find(s => s.Name == name);

    /// <summary>Adds a method.</summary>
    public void AddMethod(Method m) => methods[m.Name] = m;

    /// <summary>The method called <paramref name="name"/>; throws naming the class when absent.</summary>
    public Method GetMethod(string name) =>
        methods.TryGetValue(name, out var m) ? m : throw new KeyNotFoundException($"module '{Type}' has no method '{name}'");
}

/// <summary>A named slot of a module object.</summary>
/// <param name="Name">The attribute name.</param>
/// <param name="Value">Its value.</param>
/// <param name="Kind">Parameter, buffer, module or plain attribute.</param>
public sealed record Slot(string Name, IValue Value, SlotKind Kind);

/// <summary>What a slot holds, as TorchScript distinguishes them.</summary>
public enum SlotKind
{
    /// <summary>A trainable tensor.</summary>
    Parameter,

    /// <summary>A non-trainable tensor saved with the module (running stats).</summary>
    Buffer,

    /// <summary>A sub-module.</summary>
    Module,

    /// <summary>A plain attribute (int, float, bool, e.g. <c>training</c>).</summary>
    Attribute,
}

/// <summary>A method: a name and the graph of its body (<c>%self</c> is the first input).</summary>
/// <param name="Name">The method name.</param>
/// <param name="Graph">The body.</param>
public sealed record Method(string Name, Graph Graph);
