using System.IO.Compression;

namespace TorchJit.Tests.Ir;

/// <summary>The shared TorchScript fixture archives (<c>shared/fixtures/torchscript</c>), found by walking up from the test binaries.</summary>
internal static class Fixtures
{
    public static string TorchScriptFolder { get; } = Find();

    /// <summary>The text of entry <paramref name="entrySuffix"/> (e.g. <c>code/__torch__.py</c>) of archive <paramref name="archive"/>.</summary>
    public static string ArchiveText(string archive, string entrySuffix)
    {
        using var zip = ZipFile.OpenRead(Path.Combine(TorchScriptFolder, archive));
        var entry = zip.Entries.Single(e => e.FullName.EndsWith(entrySuffix, StringComparison.Ordinal));
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "fixtures", "torchscript");
            if (Directory.Exists(candidate)) return candidate;
        }

        throw new DirectoryNotFoundException($"no shared/fixtures/torchscript above {AppContext.BaseDirectory}");
    }
}
