using TorchJit.Ir;

namespace TorchJit.Passes;

/// <summary>Optimization levels, as ONNX Runtime's and TorchScript's users know them.</summary>
public enum OptLevel
{
    /// <summary>No passes: the graph runs as scripted or traced.</summary>
    O0,

    /// <summary>Cleanups: dead code, constants, identities, common subexpressions.</summary>
    O1,

    /// <summary>Everything: inline, freeze, fold, clean up.</summary>
    O2,
}

/// <summary>Runs a named pipeline of passes; <see cref="ForLevel"/> lists what each level runs and why.</summary>
public sealed class PassManager(IReadOnlyList<IGraphPass> passes)
{
    /// <summary>The passes in order.</summary>
    public IReadOnlyList<IGraphPass> Passes { get; } = passes;

    /// <summary>The pipeline of a level.</summary>
    public static PassManager ForLevel(OptLevel level) => level switch
    {
        OptLevel.O0 => new([]),
        OptLevel.O1 => new(
        [
            new EliminateDeadCode(),             // drop what tracing or scripting left unused
            new PropagateConstants(),            // fold what depends only on constants
            new Peephole(),                      // x * 1, t(t(x)), dropout in eval: cheap identities
            new PoolConstants(),                 // one node per distinct constant, so CSE sees equal inputs as equal
            new EliminateCommonSubexpressions(), // compute each repeated pure expression once
            new EliminateDeadCode(),             // and drop the inputs of what was folded or merged
        ]),
        _ => new(
        [
            new Inline(),                        // one flat graph: sub-module calls become their bodies
            new Freeze(),                        // weights and attributes become constants
            new UnrollLoops(),                   // small constant loops become straight-line code to fold and fuse
            new PropagateConstants(),            // fold them, and branches on attributes such as training
            new Peephole(),                      // identities the folding exposed (dropout with train=False)
            new FoldBatchNorm(),                 // inference batch norms into the conv/linear weights before them
            new PoolConstants(),                 // one node per distinct constant
            new EliminateCommonSubexpressions(), // repeated pure expressions, now that inputs are pooled
            new FuseEpilogues(),                 // ReLU into the GEMM/conv store (after folding: conv, bn, relu -> one node)
            new FuseAddLayerNorm(),              // residual add + layer norm (transformer tails): the sum stays in cache
            new FuseElementwise(),               // what is left of elementwise chains: one sweep per chain
            new EliminateDeadCode(),             // drop folded inputs and the module reads inlining left behind
        ]),
    };

    /// <summary>
    /// Runs every pass once, in order; true if any changed the graph. After each pass the graph is linted when
    /// <see cref="PassOptions.Verify"/> is on, dumped when <c>TORCHJIT_LOG</c> names the pass, and handed to
    /// <see cref="PassContext.AfterPass"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">A pass left the graph broken (the message names the pass).</exception>
    public bool Run(Graph graph, PassContext context)
    {
        bool changed = false;
        foreach (var p in Passes)
        {
            bool c = p.Run(graph, context);
            context.Log?.Invoke($"{p.Name}: {(c ? "changed" : "no change")}");
            if (context.Options.Verify) Verify(p, graph);
            if (context.Options.Dumps(p.Name)) (context.Log ?? Console.Error.WriteLine)($"=== graph after {p.Name} ===\n{graph}");
            context.AfterPass?.Invoke(p, graph, c);
            changed |= c;
        }

        return changed;
    }

    private static void Verify(IGraphPass pass, Graph graph)
    {
        try
        {
            GraphLint.Check(graph);
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"after pass {pass.Name}: {e.Message}", e);
        }
    }
}
