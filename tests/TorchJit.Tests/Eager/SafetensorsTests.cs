using System.Buffers.Binary;
using System.Text;
using TorchJit.Zoo;
using static TorchJit.torch;

namespace TorchJit.Tests.Eager;

/// <summary>Weights to and from safetensors: round trips, the real fixture files, and every malformed-file check.</summary>
public sealed class SafetensorsTests
{
    // Found by walking up from the binaries, so it works from a git worktree as well as from the main checkout.
    private static readonly string Fixtures = Path.Combine(Ir.Fixtures.TorchScriptFolder, "expected");

    [Fact]
    public void ModuleWeightsRoundTripThroughAFile()
    {
        var mlp = ModelZoo.Mlp();
        string path = Path.Combine(Path.GetTempPath(), $"torchjit-{Guid.NewGuid():N}.safetensors");
        try
        {
            Safetensors.Save(mlp.state_dict(), path, new Dictionary<string, string> { ["format"] = "pt" });
            manual_seed(99);
            var other = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10));
            var x = rand(2, 784);
            Assert.False(mlp.forward(x).BitEquals(other.forward(x)));

            var file = Safetensors.Load(path);
            other.load_state_dict(file.Tensors);

            Assert.Equal("pt", file.Metadata["format"]);
            Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], file.Tensors.Select(t => t.Key));
            Assert.True(mlp.forward(x).BitEquals(other.forward(x)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ReadsAFileWrittenByAnotherImplementation()
    {
        var file = Safetensors.Load(Path.Combine(Fixtures, "linrelu.script.dat.safetensors"));

        Assert.Equal("linrelu.script.dat", file.Metadata["archive"]);
        var input = file["case0.input0"];
        Assert.Equal(Kernels.DType.Float32, input.DType);
        // The fixture's inputs are multiples of 2^-22 in [-2, 2): a check that bytes landed where they belong.
        Assert.All(input.ToArray(), v => Assert.InRange(v, -2f, 2f));
        Assert.All(input.ToArray(), v => Assert.Equal(0f, (v * (1 << 22)) % 1));
    }

    [Fact]
    public void AnUnsupportedDTypeIsNamed()
    {
        string path = Write(Header("""{"a":{"dtype":"F16","shape":[1],"data_offsets":[0,2]}}"""), new byte[2]);
        var e = Assert.Throws<NotSupportedException>(() => Safetensors.Load(path));
        Assert.Contains("'a' has dtype F16", e.Message);
    }

    public static TheoryData<string, byte[], string> Malformed => new()
    {
        { "short", [1, 2, 3], "shorter than the 8-byte header length" },
        { "cap", Length(200_000_000), "exceeds the 100000000-byte cap" },
        { "past-end", [.. Length(64), .. "{}"u8.ToArray()], "runs past the end of the file" },
        { "not-json", Header("{not json"), "not valid JSON" },
        { "array", Header("[1, 2]"), "not a JSON object" },
        { "no-dtype", Header("""{"a":{"shape":[1],"data_offsets":[0,4]}}""", 4), "has no dtype" },
        { "negative-size", Header("""{"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}""", 4), "invalid size -1" },
        { "byte-count", Header("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}""", 4), "needs 8 bytes but data_offsets [0, 4] give 4" },
        { "bad-offsets", Header("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[8,4]}}""", 8), "invalid data_offsets" },
        { "overlap", Header("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", 8), "overlaps" },
        { "hole", Header("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", 8), "hole in the data section" },
        { "data-length", Header("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""", 12), "data section has 12 bytes but the header describes 4" },
        { "duplicate", Header("""{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", 8), "duplicate name 'a'" },
        { "bool-byte", [.. Header("""{"a":{"dtype":"BOOL","shape":[2],"data_offsets":[0,2]}}"""), 1, 2], "BOOL byte is 2" },
        { "metadata", Header("""{"__metadata__":{"k":1}}"""), "is not a string" },
        { "huge", Header("""{"a":{"dtype":"F32","shape":[2147483647,2147483647],"data_offsets":[0,4]}}""", 4), "too many elements" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void MalformedFilesAreRefusedWithTheReason(string name, byte[] bytes, string expected)
    {
        string path = Write(bytes);
        var e = Assert.ThrowsAny<Exception>(() => Safetensors.Load(path));
        Assert.True(e is SafetensorsException, $"{name}: {e.GetType().Name}: {e.Message}");
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void LoadStateDictChecksNamesAndShapesBeforeCopyingAnything()
    {
        var mlp = ModelZoo.Mlp();
        var before = mlp.state_dict().Select(kv => kv.Value.clone()).ToArray();
        var bad = mlp.state_dict().Select(kv => new KeyValuePair<string, Tensor>(kv.Key, kv.Key == "2.bias" ? zeros(11) : zeros(kv.Value.shapeArray()))).ToList();

        var e = Assert.Throws<ArgumentException>(() => mlp.load_state_dict(bad));
        Assert.Contains("size mismatch for 2.bias", e.Message);
        Assert.True(mlp.state_dict().Select(kv => kv.Value).Zip(before).All(p => p.First.BitEquals(p.Second)));

        var missing = Assert.Throws<ArgumentException>(() => mlp.load_state_dict(bad.Take(2)));
        Assert.Contains("missing keys [2.weight, 2.bias]", missing.Message);
        var (m, u) = mlp.load_state_dict([new("0.bias", zeros(128)), new("extra", zeros(1))], strict: false);
        Assert.Equal(["0.weight", "2.weight", "2.bias"], m);
        Assert.Equal(["extra"], u);
        Assert.All(mlp.state_dict()[1].Value.ToArray(), v => Assert.Equal(0f, v));
    }

    private static byte[] Length(ulong n)
    {
        var b = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(b, n);
        return b;
    }

    private static byte[] Header(string json, int dataBytes = 0) =>
        [.. Length((ulong)Encoding.UTF8.GetByteCount(json)), .. Encoding.UTF8.GetBytes(json), .. new byte[dataBytes]];

    private static string Write(params byte[][] parts)
    {
        string path = Path.Combine(Path.GetTempPath(), $"torchjit-bad-{Guid.NewGuid():N}.safetensors");
        File.WriteAllBytes(path, parts.SelectMany(p => p).ToArray());
        return path;
    }
}
