using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using TorchJit.Kernels;

namespace TorchJit;

/// <summary>
/// The safetensors format: <c>[u64 LE header length N][N bytes JSON header][data]</c>, the header mapping
/// names to <c>{"dtype", "shape", "data_offsets": [begin, end]}</c> relative to the data, plus an optional
/// <c>__metadata__</c> of strings. Reading validates everything before touching data: the header length cap,
/// JSON shape, dtypes, sizes, offsets inside the file, exact byte counts, no overlap and no holes. Every
/// malformed file is a <see cref="SafetensorsException"/> naming the problem; nothing reads out of range.
/// </summary>
public static partial class Safetensors
{
    /// <summary>Headers larger than this are refused (the reference implementation's cap is 100 MB).</summary>
    public const long MaxHeaderBytes = 100_000_000;

    /// <summary>Reads every tensor (float32, int64, bool) and the metadata from <paramref name="path"/>.</summary>
    public static SafetensorsFile Load(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Reads from a stream (seekable or not) of the given name, for error messages.</summary>
    public static SafetensorsFile Read(Stream stream, string name = "<stream>")
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> lengthBytes = stackalloc byte[8];
        if (stream.ReadAtLeast(lengthBytes, 8, throwOnEndOfStream: false) < 8) throw Bad(name, "file is shorter than the 8-byte header length");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
        if (headerLength > MaxHeaderBytes) throw Bad(name, $"header length {headerLength} exceeds the {MaxHeaderBytes}-byte cap");
        if (stream.CanSeek && (long)headerLength > stream.Length - 8) throw Bad(name, $"header length {headerLength} runs past the end of the file ({stream.Length} bytes)");
        var header = new byte[headerLength];
        if (stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length) throw Bad(name, "file ends inside the header");
        var entries = ParseHeader(header, name, out var metadata);

        long dataLength = entries.Count == 0 ? 0 : entries.Max(e => e.End);
        if (stream.CanSeek && stream.Length - 8 - (long)headerLength != dataLength)
            throw Bad(name, $"data section has {stream.Length - 8 - (long)headerLength} bytes but the header describes {dataLength}");
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        // Entries are read in file order, so a stream is consumed front to back.
        long position = 0;
        foreach (var e in entries.OrderBy(e => e.Begin))
        {
            var t = Tensor.Empty(e.DType, e.Shape);
            var bytes = e.DType switch
            {
                DType.Float32 => System.Runtime.InteropServices.MemoryMarshal.AsBytes(t.Float32Span),
                DType.Int64 => System.Runtime.InteropServices.MemoryMarshal.AsBytes(t.Int64Span),
                _ => System.Runtime.InteropServices.MemoryMarshal.AsBytes(t.BoolSpan),
            };
            if (stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false) < bytes.Length) throw Bad(name, $"file ends inside tensor '{e.Name}'");
            position += bytes.Length;
            if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("safetensors data is little-endian; big-endian hosts are not supported");
            if (e.DType == DType.Bool)
            {
                foreach (byte b in bytes)
                    if (b > 1) throw Bad(name, $"tensor '{e.Name}': a BOOL byte is {b}, not 0 or 1");
            }

            tensors[e.Name] = t;
        }

        // Keep the header's order for callers (state dicts are ordered).
        var ordered = entries.Select(e => new KeyValuePair<string, Tensor>(e.Name, tensors[e.Name])).ToList();
        return new SafetensorsFile(ordered, metadata);
    }

    /// <summary>Writes <paramref name="tensors"/> (in order) and optional string metadata to <paramref name="path"/>.</summary>
    public static void Save(IEnumerable<KeyValuePair<string, Tensor>> tensors, string path, IReadOnlyDictionary<string, string>? metadata = null)
    {
        using var stream = File.Create(path);
        Write(stream, tensors, metadata);
    }

    /// <summary>Writes to a stream.</summary>
    public static void Write(Stream stream, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var list = tensors.Select(kv => new KeyValuePair<string, Tensor>(kv.Key, kv.Value.contiguous())).ToList();
        using var json = new MemoryStream();
        using (var w = new Utf8JsonWriter(json))
        {
            w.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                w.WriteStartObject("__metadata__");
                foreach (var (k, v) in metadata) w.WriteString(k, v);
                w.WriteEndObject();
            }

            long offset = 0;
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (name, t) in list)
            {
                if (name == "__metadata__" || !names.Add(name)) throw new ArgumentException($"safetensors: invalid or duplicate tensor name '{name}'");
                long size = t.NumElements * DTypes.ElementSize(t.DType);
                w.WriteStartObject(name);
                w.WriteString("dtype", DTypeName(t.DType));
                w.WriteStartArray("shape");
                foreach (int s in t.Shape) w.WriteNumberValue(s);
                w.WriteEndArray();
                w.WriteStartArray("data_offsets");
                w.WriteNumberValue(offset);
                w.WriteNumberValue(offset + size);
                w.WriteEndArray();
                w.WriteEndObject();
                offset += size;
            }

            w.WriteEndObject();
        }

        // The header is padded with spaces to a multiple of 8, so the data that follows is aligned.
        int padded = (int)((json.Length + 7) / 8 * 8);
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)padded);
        stream.Write(length);
        stream.Write(json.GetBuffer().AsSpan(0, (int)json.Length));
        for (long i = json.Length; i < padded; i++) stream.WriteByte((byte)' ');
        foreach (var (_, t) in list)
        {
            switch (t.DType)
            {
                case DType.Float32: stream.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(t.Float32Span)); break;
                case DType.Int64: stream.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(t.Int64Span)); break;
                default: stream.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(t.BoolSpan)); break;
            }
        }
    }

    private static string DTypeName(DType t) => t switch
    {
        DType.Float32 => "F32",
        DType.Int64 => "I64",
        _ => "BOOL",
    };

    private static SafetensorsException Bad(string name, string what) => new($"safetensors '{name}': {what}");
}

/// <summary>What a safetensors file holds: tensors in header order, and string metadata.</summary>
/// <param name="Tensors">The tensors, in the order the header lists them.</param>
/// <param name="Metadata">The <c>__metadata__</c> entries (empty if none).</param>
public sealed record SafetensorsFile(IReadOnlyList<KeyValuePair<string, Tensor>> Tensors, IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>The tensor called <paramref name="name"/>; throws naming it when absent.</summary>
    public Tensor this[string name] =>
        Tensors.FirstOrDefault(t => t.Key == name).Value ?? throw new KeyNotFoundException($"safetensors: no tensor named '{name}'");
}

/// <summary>A malformed safetensors file.</summary>
public sealed class SafetensorsException(string message) : IOException(message);
