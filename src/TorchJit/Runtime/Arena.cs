namespace TorchJit.Runtime;

/// <summary>
/// The per-call memory of one plan: one array per dtype, carved into the plan's intermediate tensors (and the
/// views of them) once, when the arena is made. A call rents an arena, so no two running calls share one.
/// </summary>
internal sealed class Arena(Tensor[] tensors, Tensor? output)
{
    /// <summary>The planned tensors, at the indices the compiled plan loads them from.</summary>
    public Tensor[] Tensors { get; } = tensors;

    /// <summary>Where calls that return into a span first write the result (null when the output shape is not static).</summary>
    public Tensor? Output { get; } = output;
}
