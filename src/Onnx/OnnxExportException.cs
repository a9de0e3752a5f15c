namespace TorchJit.Onnx;

/// <summary>
/// A graph cannot be written as ONNX: an op with no mapping (the message names it, e.g. <c>aten::embedding_bag</c>),
/// or an argument the mapping needs as a constant that is computed at run time.
/// </summary>
public sealed class OnnxExportException : Exception
{
    /// <summary>An export error about <paramref name="op"/>.</summary>
    public OnnxExportException(string op, string message)
        : base($"ONNX export: {op}: {message}")
    {
        Op = op;
    }

    /// <summary>The op (node kind or qualified name) that could not be exported.</summary>
    public string Op { get; }
}
