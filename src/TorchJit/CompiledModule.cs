using TorchJit.Ir;
using TorchJit.Kernels;
using TorchJit.Passes;

namespace TorchJit;

/// <summary>
/// A module compiled to IL. Thread-safe: the compiled method is immutable and shared; the only shared
/// mutable state is the set of input signatures already checked, published lock-free. A call whose
/// input signature (dtype and sizes) was seen before goes straight to the compiled method; a new one is
/// first checked by shape inference, so input that cannot fit the model fails with an
/// <see cref="ArgumentException"/> naming the input and the expected and actual shapes, and the module
/// stays usable.
/// </summary>
public sealed class CompiledModule : torch.nn.Module<Tensor, Tensor>
{
    private readonly Func<Tensor, Tensor> run;
    private readonly string inputName;
    private Signature[] checkedSignatures = [];

    internal CompiledModule(Ir.Graph graph, Func<Tensor, Tensor> run, string className)
        : base(className)
    {
        OptimizedGraph = graph;
        this.run = run;
        inputName = graph.Inputs[1].Name;
    }

    /// <summary>The graph that was compiled (after the passes).</summary>
    public Ir.Graph OptimizedGraph { get; }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input, inputName);
        var known = Volatile.Read(ref checkedSignatures);
        for (int i = 0; i < known.Length; i++)
            if (known[i].Matches(input)) return run(input);
        Check(input);
        return run(input);
    }

    private void Check(Tensor input)
    {
        if (input.DType != DType.Float32)
            throw new ArgumentException($"forward: input '{inputName}' must be a Float tensor, got {input.Describe()}", inputName);
        ShapeInference.Infer(OptimizedGraph, [OptimizedGraph.Inputs[0].Type, TensorType.Of(input)]);
        var signature = new Signature(input.DType, input.Shape.ToArray());
        // Lock-free publish: losing a race only means checking the same signature twice.
        while (true)
        {
            var current = Volatile.Read(ref checkedSignatures);
            if (Array.Exists(current, s => s.Matches(input))) return;
            if (Interlocked.CompareExchange(ref checkedSignatures, [.. current, signature], current) == current) return;
        }
    }

    private sealed record Signature(DType DType, int[] Sizes)
    {
        public bool Matches(Tensor t) => t.DType == DType && t.Shape.SequenceEqual(Sizes);
    }
}
