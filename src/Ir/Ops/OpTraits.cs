namespace TorchJit.Ir;

/// <summary>What passes may assume about an op.</summary>
[Flags]
public enum OpTraits
{
    /// <summary>Nothing is assumed.</summary>
    None = 0,

    /// <summary>No side effects and deterministic: may be folded, deduplicated or removed when unused.</summary>
    Pure = 1,

    /// <summary>Computes each output element from the same-index input elements (after broadcasting).</summary>
    Elementwise = 2,

    /// <summary>Random or otherwise not repeatable: never folded at compile time.</summary>
    Nondeterministic = 4,

    /// <summary>The output aliases the first input's storage (a view): memory planning must keep the input alive.</summary>
    View = 8,

    /// <summary>
    /// Reads only its tensor inputs' shape or dtype, never their values (<c>aten::size</c>, <c>aten::dim</c>):
    /// a rewrite that changes a tensor's values but not its shape may leave such readers in place.
    /// </summary>
    MetadataOnly = 16,
}
