using System.Text.Json;
using TorchJit.Kernels;

namespace TorchJit;

/// <summary>Parsing and validating the JSON header.</summary>
public static partial class Safetensors
{
    private sealed record Entry(string Name, DType DType, int[] Shape, long Begin, long End);

    private static List<Entry> ParseHeader(byte[] header, string name, out Dictionary<string, string> metadata)
    {
        metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(header, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            throw Bad(name, "header is not valid JSON: " + e.Message);
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw Bad(name, "header is not a JSON object");
            var entries = new List<Entry>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (!seen.Add(p.Name)) throw Bad(name, $"duplicate name '{p.Name}' in the header");
                if (p.Name == "__metadata__")
                {
                    if (p.Value.ValueKind != JsonValueKind.Object) throw Bad(name, "__metadata__ is not an object");
                    foreach (var m in p.Value.EnumerateObject())
                    {
                        if (m.Value.ValueKind != JsonValueKind.String) throw Bad(name, $"__metadata__ value '{m.Name}' is not a string");
                        metadata[m.Name] = m.Value.GetString()!;
                    }

                    continue;
                }

                entries.Add(ParseEntry(p, name));
            }

            CheckLayout(entries, name);
            return entries;
        }
    }

    private static Entry ParseEntry(JsonProperty p, string file)
    {
        var v = p.Value;
        if (v.ValueKind != JsonValueKind.Object) throw Bad(file, $"tensor '{p.Name}' is not an object");
        if (!v.TryGetProperty("dtype", out var dtypeJson) || dtypeJson.ValueKind != JsonValueKind.String) throw Bad(file, $"tensor '{p.Name}' has no dtype");
        string dtypeName = dtypeJson.GetString()!;
        DType dtype = dtypeName switch
        {
            "F32" => DType.Float32,
            "I64" => DType.Int64,
            "BOOL" => DType.Bool,
            _ => throw new NotSupportedException($"safetensors '{file}': tensor '{p.Name}' has dtype {dtypeName}; supported are F32, I64 and BOOL"),
        };
        if (!v.TryGetProperty("shape", out var shapeJson) || shapeJson.ValueKind != JsonValueKind.Array) throw Bad(file, $"tensor '{p.Name}' has no shape");
        var shape = new List<int>();
        long numel = 1;
        foreach (var s in shapeJson.EnumerateArray())
        {
            if (s.ValueKind != JsonValueKind.Number || !s.TryGetInt64(out long size) || size < 0 || size > int.MaxValue)
                throw Bad(file, $"tensor '{p.Name}' has an invalid size {s}");
            shape.Add((int)size);
            numel = checked(numel * size);
            if (numel > Array.MaxLength) throw Bad(file, $"tensor '{p.Name}' has too many elements");
        }

        if (!v.TryGetProperty("data_offsets", out var offsets) || offsets.ValueKind != JsonValueKind.Array || offsets.GetArrayLength() != 2)
            throw Bad(file, $"tensor '{p.Name}' needs data_offsets [begin, end]");
        if (!offsets[0].TryGetInt64(out long begin) || !offsets[1].TryGetInt64(out long end) || begin < 0 || end < begin)
            throw Bad(file, $"tensor '{p.Name}' has invalid data_offsets {offsets}");
        long expected = numel * DTypes.ElementSize(dtype);
        if (end - begin != expected)
            throw Bad(file, $"tensor '{p.Name}' ({dtypeName} [{string.Join(", ", shape)}]) needs {expected} bytes but data_offsets [{begin}, {end}] give {end - begin}");
        return new Entry(p.Name, dtype, [.. shape], begin, end);
    }

    // Tensors must tile the data section exactly: sorted by offset, each starts where the last ended.
    private static void CheckLayout(List<Entry> entries, string file)
    {
        long next = 0;
        foreach (var e in entries.OrderBy(e => e.Begin).ThenBy(e => e.End))
        {
            if (e.Begin < next) throw Bad(file, $"tensor '{e.Name}' overlaps the previous tensor (begins at {e.Begin}, previous ends at {next})");
            if (e.Begin > next) throw Bad(file, $"hole in the data section before tensor '{e.Name}' ({next}..{e.Begin})");
            next = e.End;
        }
    }
}
