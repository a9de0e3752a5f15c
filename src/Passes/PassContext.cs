using TorchJit.Ir;

namespace TorchJit.Passes;

/// <summary>What passes may know beyond the graph, and the debugging knobs they obey.</summary>
public sealed class PassContext
{
    private readonly Dictionary<string, int> rewritesLeft;

    /// <summary>A context with the knobs of <paramref name="options"/> (default: read from the environment once).</summary>
    public PassContext(PassOptions? options = null)
    {
        Options = options ?? PassOptions.FromEnvironment;
        rewritesLeft = new Dictionary<string, int>(Options.OptLimits, StringComparer.Ordinal);
    }

    /// <summary>The module object the graph's <c>%self</c> stands for (needed to inline and freeze), if any.</summary>
    public ScriptObject? Self { get; init; }

    /// <summary>Where passes explain themselves (null: silent).</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Called after each pass of a <see cref="PassManager"/> with whether it changed the graph (the CLI prints before/after).</summary>
    public Action<IGraphPass, Graph, bool>? AfterPass { get; init; }

    /// <summary>Verification, dumps and rewrite limits.</summary>
    public PassOptions Options { get; }

    /// <summary>
    /// Asks for one more rewrite by <paramref name="pass"/>; false once the pass's <c>TORCHJIT_OPT_LIMIT</c>
    /// budget is spent (the pass must then leave that site alone). Bisecting a miscompile means halving the
    /// limit until the first rewrite that breaks the model is found, as with <c>PYTORCH_JIT_OPT_LIMIT</c>.
    /// </summary>
    public bool AllowRewrite(string pass)
    {
        if (!rewritesLeft.TryGetValue(pass, out int left)) return true;
        if (left == 0)
        {
            Log?.Invoke($"{pass}: rewrite limit reached (TORCHJIT_OPT_LIMIT)");
            return false;
        }

        rewritesLeft[pass] = left - 1;
        return true;
    }
}
