namespace TorchJit;

/// <summary>
/// A trace may be silently wrong for other inputs: raised where tensor data became a C# value (the
/// branch of an <c>if</c>, an <c>item()</c>), as PyTorch's <c>TracerWarning</c>.
/// </summary>
/// <param name="Message">What happened and why it matters.</param>
/// <param name="File">The user's source file, if known.</param>
/// <param name="Line">The line, or 0.</param>
public sealed record TracerWarning(string Message, string? File, int Line)
{
    /// <summary>As Python prints warnings: <c>File.cs:7: TracerWarning: …</c>.</summary>
    public override string ToString() =>
        (File is null ? "" : $"{Path.GetFileName(File)}:{Line}: ") + "TracerWarning: " + Message;
}
