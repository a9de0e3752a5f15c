namespace TorchJit.Passes;

/// <summary>
/// The debugging knobs of the pass pipeline, PyTorch's names mapped to ours:
/// <c>TORCHJIT_LOG=&lt;pass&gt;[,&lt;pass&gt;]</c> dumps the graph after those passes (<c>PYTORCH_JIT_LOG_LEVEL</c>;
/// <c>*</c> means all), <c>TORCHJIT_OPT_LIMIT=&lt;pass&gt;=&lt;n&gt;[,...]</c> caps a pass's rewrites
/// (<c>PYTORCH_JIT_OPT_LIMIT</c>), <c>TORCHJIT_VERIFY=1</c> lints the graph after every pass (always on in
/// debug builds).
/// </summary>
public sealed record PassOptions
{
    /// <summary>No dumps, no limits, verification as the build decides.</summary>
    public static PassOptions Default { get; } = new();

    /// <summary>The knobs read from the process environment (once).</summary>
    public static PassOptions FromEnvironment { get; } = Parse(
        Environment.GetEnvironmentVariable("TORCHJIT_LOG"),
        Environment.GetEnvironmentVariable("TORCHJIT_OPT_LIMIT"),
        Environment.GetEnvironmentVariable("TORCHJIT_VERIFY"));

    /// <summary>Lint the graph after every pass (<see cref="Ir.GraphLint"/>).</summary>
    public bool Verify { get; init; } = VerifyByDefault;

    /// <summary>Passes after which the graph is dumped (<c>*</c>: all).</summary>
    public IReadOnlySet<string> DumpAfter { get; init; } = new HashSet<string>();

    /// <summary>Rewrite budgets per pass name.</summary>
    public IReadOnlyDictionary<string, int> OptLimits { get; init; } = new Dictionary<string, int>();

    /// <summary>True when the graph should be dumped after <paramref name="pass"/>.</summary>
    public bool Dumps(string pass) => DumpAfter.Contains(pass) || DumpAfter.Contains("*");

    /// <summary>Reads the three knobs from their text (null or empty: unset).</summary>
    /// <exception cref="ArgumentException">A limit is not <c>pass=n</c> with n a non-negative integer.</exception>
    public static PassOptions Parse(string? log, string? optLimit, string? verify)
    {
        var limits = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in Split(optLimit))
        {
            int eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !int.TryParse(item.AsSpan(eq + 1), out int n) || n < 0)
                throw new ArgumentException($"TORCHJIT_OPT_LIMIT: expected <pass>=<n> with n >= 0, got '{item}'");
            limits[item[..eq].Trim()] = n;
        }

        return new PassOptions
        {
            DumpAfter = new HashSet<string>(Split(log), StringComparer.Ordinal),
            OptLimits = limits,
            Verify = verify is null ? VerifyByDefault : verify is "1" or "true",
        };
    }

    private static IEnumerable<string> Split(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

#if DEBUG
    private const bool VerifyByDefault = true;
#else
    private const bool VerifyByDefault = false;
#endif
}
