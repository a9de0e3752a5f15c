using ICSharpCode.Decompiler.IL;
using TorchJit.Ir;

namespace TorchJit.Frontend;

/// <summary>The graph value each C# local holds at a point of the method (SSA by copying at branches).</summary>
internal sealed class Env
{
    private readonly Dictionary<ILVariable, Value> values;

    public Env() => values = [];

    private Env(Dictionary<ILVariable, Value> values) => this.values = values;

    public IEnumerable<KeyValuePair<ILVariable, Value>> Bindings => values;

    public Env Clone() => new(new Dictionary<ILVariable, Value>(values));

    public void Set(ILVariable v, Value value) => values[v] = value;

    public bool TryGet(ILVariable v, out Value value) => values.TryGetValue(v, out value!);
}
