using TorchJit.Ir;

namespace TorchJit;

/// <summary>
/// Scripting could not keep the meaning of a method: names the method, the source location, and shows
/// the offending line with a caret under the statement, instead of producing a wrong graph.
/// </summary>
public sealed class ScriptException : NotSupportedException
{
    /// <summary>A failure in <paramref name="method"/> at <paramref name="location"/>.</summary>
    public ScriptException(string method, SourceLocation? location, string reason)
        : base(Format(method, location, reason))
    {
        Method = method;
        Location = location;
        Reason = reason;
    }

    /// <summary>The method being scripted (<c>CondModel.forward</c>).</summary>
    public string Method { get; }

    /// <summary>Where, if the PDB told.</summary>
    public SourceLocation? Location { get; }

    /// <summary>What could not be scripted.</summary>
    public string Reason { get; }

    private static string Format(string method, SourceLocation? location, string reason)
    {
        var text = $"Cannot script {method}: {reason}";
        if (location is null) return text + "\n  (no source location: is the .pdb next to the assembly?)";
        text += $"\n  at {location}";
        string? line = ReadLine(location.File, location.Line);
        if (line is null) return text;
        int caret = Math.Max(0, location.Column - 1);
        return text + "\n    " + line.Replace('\t', ' ') + "\n    " + new string(' ', caret) + "^";
    }

    private static string? ReadLine(string file, int line)
    {
        try
        {
            return File.Exists(file) ? File.ReadLines(file).Skip(line - 1).FirstOrDefault() : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
