namespace TorchJit;

/// <summary>
/// A trace failed <c>torch.jit.trace</c>'s sanity check: traced again on the check inputs, the code
/// recorded a different graph, or different tensor constants (PyTorch's <c>TracingCheckError</c>). The
/// message shows the graph diff and the first diverging operator with its source line.
/// </summary>
public sealed class TracingCheckException : Exception
{
    /// <summary>A check failure with the graph diff and constant comparison PyTorch reports (either may be null).</summary>
    public TracingCheckException(string? graphDiffError, string? tensorCompareError, string? extraMessage = null)
        : base(Compose(graphDiffError, tensorCompareError, extraMessage))
    {
        GraphDiffError = graphDiffError;
        TensorCompareError = tensorCompareError;
    }

    /// <summary>An empty failure (for serializers and tests).</summary>
    public TracingCheckException()
        : this(graphDiffError: null, tensorCompareError: null)
    {
    }

    /// <summary>A failure with a message of its own.</summary>
    public TracingCheckException(string message)
        : this(null, null, message)
    {
    }

    /// <summary>A failure with a message of its own and its cause.</summary>
    public TracingCheckException(string message, Exception innerException)
        : base(Compose(null, null, message), innerException)
    {
    }

    /// <summary>The graph diff and first diverging operator, or null when the graphs agree.</summary>
    public string? GraphDiffError { get; }

    /// <summary>The first tensor constant that differs, or null.</summary>
    public string? TensorCompareError { get; }

    private static string Compose(string? graphDiffError, string? tensorCompareError, string? extraMessage)
    {
        var message = "Tracing failed sanity checks!\n";
        if (extraMessage is not null) message += extraMessage + "\n";
        if (graphDiffError is not null) message += "ERROR: Graphs differed across invocations!\n" + Indent(graphDiffError) + "\n";
        if (tensorCompareError is not null)
        {
            message += "ERROR: Tensor-valued Constant nodes differed in value across invocations. This often indicates that the tracer has " +
                "encountered untraceable code.\n" + Indent(tensorCompareError) + "\n";
        }

        return message;
    }

    internal static string Indent(string text) => string.Join("\n", text.TrimEnd('\n').Split('\n').Select(l => "\t" + l));
}
