using System.Runtime.CompilerServices;

namespace TorchJit.Ir;

/// <summary>
/// Data derived once from a tensor (packed GEMM or conv weights), kept alongside it while it lives and
/// rebuilt when its <see cref="Tensor.Version"/> changes (after <c>copy_</c>) or the key no longer fits.
/// Frozen weights are the same tensor object on every call, so they are packed once.
/// </summary>
internal sealed class TensorDerivedCache<TKey, TValue>(Func<Tensor, TKey, TValue> build)
    where TValue : class
{
    private readonly ConditionalWeakTable<Tensor, Entry> entries = [];

    public TValue Get(Tensor tensor, TKey key, Func<TKey, TKey, bool> fits)
    {
        if (entries.TryGetValue(tensor, out var entry) && entry.Version == tensor.Version && fits(entry.Key, key)) return entry.Value;
        var value = build(tensor, key);
        entries.AddOrUpdate(tensor, new Entry(value, key, tensor.Version));
        return value;
    }

    private sealed record Entry(TValue Value, TKey Key, int Version);
}
