using System.Globalization;

namespace TorchJit.Ir;

/// <summary>
/// Unique debug names, with TorchScript's rule (<c>Value::setDebugName</c>): when a name is taken, the
/// previous owner is renamed to <c>base.N</c> with the next free suffix for that base. This is why an SSA
/// reassignment of <c>x</c> prints as <c>%x.1</c> … <c>%x</c>.
/// </summary>
internal sealed class ValueNames
{
    private readonly Dictionary<string, Value> owners = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> suffixes = new(StringComparer.Ordinal);

    public void Assign(Value value, string name)
    {
        if (name.Length > 0 && name.All(char.IsAsciiDigit))
            throw new ArgumentException($"debug name '{name}' is numeric; numeric names are reserved for unnamed values");
        Release(value);
        if (name.Length == 0) return;
        if (owners.TryGetValue(name, out var old))
        {
            string nameBase = name;
            int dot = name.LastIndexOf('.');
            if (dot > 0 && dot < name.Length - 1 && name.AsSpan(dot + 1).ToString().All(char.IsAsciiDigit)) nameBase = name[..dot];
            suffixes.TryGetValue(nameBase, out int suffix);
            string replacement;
            do replacement = nameBase + "." + (++suffix).ToString(CultureInfo.InvariantCulture);
            while (owners.ContainsKey(replacement));
            suffixes[nameBase] = suffix;
            Assign(old, replacement);
        }

        owners[name] = value;
        value.DebugName = name;
    }

    public void Release(Value value)
    {
        if (value.DebugName is { } n && owners.TryGetValue(n, out var owner) && owner == value) owners.Remove(n);
        value.DebugName = null;
    }
}
