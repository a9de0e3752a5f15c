using ICSharpCode.Decompiler.IL;
using TorchJit.Ir;

namespace TorchJit.Frontend;

/// <summary>
/// The graph value each C# local holds at a point of the method (SSA by copying at branches), and the
/// value being returned (under <see cref="ReturnSlot"/>) once a path has returned.
/// </summary>
internal sealed class Env
{
    /// <summary>The key of the returned value.</summary>
    public static readonly object ReturnSlot = new ReturnKey();

    private readonly Dictionary<object, Value> values;

    public Env() => values = [];

    private Env(Dictionary<object, Value> values) => this.values = values;

    /// <summary>The bindings, in the order they were first made (so graphs come out the same every time).</summary>
    public IEnumerable<KeyValuePair<object, Value>> Bindings => values;

    public Env Clone() => new(new Dictionary<object, Value>(values));

    public void Set(object key, Value value) => values[key] = value;

    public void Remove(object key) => values.Remove(key);

    public bool TryGet(object key, out Value value) => values.TryGetValue(key, out value!);

    /// <summary>The name a key's value may carry in the graph (the C# local's name), or null.</summary>
    public static string? NameOf(object key) => key is ILVariable v ? v.Name : null;

    private sealed class ReturnKey
    {
        public override string ToString() => "<return>";
    }
}
