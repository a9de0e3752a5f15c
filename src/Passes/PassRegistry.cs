namespace TorchJit.Passes;

/// <summary>Every graph pass by its name, for IR tests' <c># RUN:</c> lines, the knobs and the CLI.</summary>
public static class PassRegistry
{
    private static readonly Dictionary<string, Func<IGraphPass>> Factories = new(StringComparer.Ordinal)
    {
        ["inline"] = () => new Inline(),
        ["freeze"] = () => new Freeze(),
        ["propagate-constants"] = () => new PropagateConstants(),
        ["eliminate-dead-code"] = () => new EliminateDeadCode(),
        ["eliminate-common-subexpressions"] = () => new EliminateCommonSubexpressions(),
        ["pool-constants"] = () => new PoolConstants(),
        ["peephole"] = () => new Peephole(),
        ["fold-batch-norm"] = () => new FoldBatchNorm(),
        ["fuse-epilogues"] = () => new FuseEpilogues(),
        ["fuse-elementwise"] = () => new FuseElementwise(),
        ["unroll-loops"] = () => new UnrollLoops(),
        ["fuse-add-layer-norm"] = () => new FuseAddLayerNorm(),
        ["canonicalize-modified-loops"] = () => new CanonicalizeModifiedLoops(),
        ["lower-tuples"] = () => new LowerTuples(),
        ["specialize-shapes"] = () => new SpecializeShapes(), // to the input types the graph declares
    };

    /// <summary>The pass names.</summary>
    public static IEnumerable<string> Names => Factories.Keys;

    /// <summary>A new instance of the named pass.</summary>
    /// <exception cref="ArgumentException">No pass has that name (the message lists the names).</exception>
    public static IGraphPass Create(string name) =>
        Factories.TryGetValue(name, out var create) ? create()
            : throw new ArgumentException($"unknown pass '{name}'; passes: {string.Join(", ", Factories.Keys)}");

    /// <summary>A pipeline from a comma-separated list of names (<c>peephole,eliminate-dead-code</c>).</summary>
    public static PassManager Pipeline(string names) =>
        new([.. names.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(Create)]);
}
