namespace TorchJit.Ir;

/// <summary>Where a node came from in the user's source (printed as <c> # File.cs:12:9</c>).</summary>
public sealed record SourceLocation(string File, int Line, int Column)
{
    /// <summary>Only the file name: graphs stay the same on every machine.</summary>
    public override string ToString() => $"{Path.GetFileName(File)}:{Line}:{Column}";
}
