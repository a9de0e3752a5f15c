namespace TorchJit.Codegen.Emit;

/// <summary>
/// A parsed <c>TORCHJIT_DUMP_IL</c> value: comma-separated names, each exact or ending in <c>*</c> as a
/// prefix glob (<c>fusion_*</c>); <c>*</c> alone selects everything. Empty entries are ignored, so an empty or
/// unset variable selects nothing. Names compare case-sensitively, like graph and method names.
/// </summary>
internal sealed class ILDumpSelection
{
    private readonly string[] exact;
    private readonly string[] prefixes;

    private ILDumpSelection(string? text)
    {
        Text = text;
        var entries = (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        exact = [.. entries.Where(e => !e.EndsWith('*'))];
        prefixes = [.. entries.Where(e => e.EndsWith('*')).Select(e => e[..^1])];
    }

    /// <summary>The text this was parsed from.</summary>
    public string? Text { get; }

    public static ILDumpSelection Parse(string? text) => new(text);

    public bool Matches(string name) =>
        exact.Contains(name, StringComparer.Ordinal) || prefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));
}
