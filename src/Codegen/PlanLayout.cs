using TorchJit.Ir;

namespace TorchJit.Codegen;

/// <summary>
/// A compiled plan's entry: runs the graph on <paramref name="input"/> with intermediates in
/// <paramref name="arena"/>, writing the result into <paramref name="output"/> when the layout says so, and
/// returns the graph's result (<paramref name="output"/> itself when it was written directly). Before each
/// kernel and each loop iteration it checks <paramref name="cancellationToken"/>, throwing
/// <see cref="OperationCanceledException"/> once it is cancelled.
/// </summary>
public delegate Tensor PlanFunction(Tensor input, Tensor[] arena, Tensor? output, CancellationToken cancellationToken);

/// <summary>
/// The decisions a compiled plan's IL walks (made before any IL is written): which values live in which arena
/// tensor, which value its op writes straight into the caller's output, and the fusion groups compiled to loops.
/// </summary>
public sealed class PlanLayout
{
    /// <summary>Values held by the per-call arena, each at its index in the arena's tensor array (written by the op's out variant, or a view made with the arena).</summary>
    public required IReadOnlyDictionary<Value, int> ArenaTensors { get; init; }

    /// <summary>Views among <see cref="ArenaTensors"/>: made once with the arena, so their nodes emit nothing.</summary>
    public required IReadOnlySet<Value> PrecomputedViews { get; init; }

    /// <summary>
    /// Values an out variant or fused loop computes straight into the output argument: the graph output, or
    /// where the output is a <c>prim::If</c>'s result (see <see cref="OutputBoundIfs"/>), what a branch yields.
    /// </summary>
    public IReadOnlySet<Value> DirectOutputs { get; init; } = new HashSet<Value>();

    /// <summary>
    /// Results of <c>prim::If</c> nodes that are the output argument itself: each branch leaves its value there,
    /// computed directly (<see cref="DirectOutputs"/>, an inner bound <c>prim::If</c>) or copied in at its end
    /// (a branch returning the input or a view).
    /// </summary>
    public IReadOnlySet<Value> OutputBoundIfs { get; init; } = new HashSet<Value>();

    /// <summary>0-dim tensors kept in registers (see <see cref="ScalarizedTensors"/>): no arena tensor, no kernel call.</summary>
    public IReadOnlySet<Value> Scalarized { get; init; } = new HashSet<Value>();

    /// <summary>True when <paramref name="v"/> lives in the output argument.</summary>
    public bool InOutput(Value v) => DirectOutputs.Contains(v) || OutputBoundIfs.Contains(v);

    /// <summary>Fusion groups compiled to SIMD loops for this signature.</summary>
    public IReadOnlyDictionary<Node, System.Reflection.MethodInfo> FusedLoops { get; init; } = new Dictionary<Node, System.Reflection.MethodInfo>();

    /// <summary>The output shape of each of <see cref="FusedLoops"/>: outputs the plan does not place (a loop-carried result) are allocated at that shape.</summary>
    public IReadOnlyDictionary<Node, int[]> FusedLoopShapes { get; init; } = new Dictionary<Node, int[]>();

    /// <summary>
    /// Loop-carried results written in place: the value a loop body yields -> the arena indices of the two buffers
    /// its iterations alternate between (the first is written first).
    /// </summary>
    public IReadOnlyDictionary<Value, (int First, int Second)> CarriedBuffers { get; init; } = new Dictionary<Value, (int First, int Second)>();

    /// <summary>True when <paramref name="v"/> is written into memory the plan placed (the arena or the output argument).</summary>
    public bool Placed(Value v) => DirectOutputs.Contains(v) || ArenaTensors.ContainsKey(v) || CarriedBuffers.ContainsKey(v);
}
