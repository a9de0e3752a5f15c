using TorchJit.Ir;

namespace TorchJit.Passes;

/// <summary>Optimization levels, as ONNX Runtime's and TorchScript's users know them.</summary>
public enum OptLevel
{
    /// <summary>No passes: the graph runs as scripted or traced.</summary>
    O0,

    /// <summary>Cleanups: dead code, constants.</summary>
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
            new EliminateDeadCode(),   // drop what tracing or scripting left unused
            new PropagateConstants(),  // fold what depends only on constants
            new EliminateDeadCode(),   // and drop the inputs of what was folded
        ]),
        _ => new(
        [
            new Inline(),              // one flat graph: sub-module calls become their bodies
            new Freeze(),              // weights and attributes become constants
            new PropagateConstants(),  // fold them, and branches on attributes such as training
            new EliminateDeadCode(),   // drop folded inputs and the module reads inlining left behind
        ]),
    };

    /// <summary>Runs every pass once, in order; true if any changed the graph.</summary>
    public bool Run(Graph graph, PassContext context)
    {
        bool changed = false;
        foreach (var p in Passes)
        {
            bool c = p.Run(graph, context);
            context.Log?.Invoke($"{p.Name}: {(c ? "changed" : "no change")}");
            changed |= c;
        }

        return changed;
    }
}
