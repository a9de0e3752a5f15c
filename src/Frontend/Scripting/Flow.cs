using TorchJit.Ir;
using ILBlock = ICSharpCode.Decompiler.IL.Block;

namespace TorchJit.Frontend;

/// <summary>
/// Where control goes next in the ILAst: instruction <see cref="Index"/> of <see cref="Block"/>, and
/// after that block ends, <see cref="Parent"/> (the instruction after the <c>if</c> that holds it).
/// </summary>
internal sealed record Cont(ILBlock Block, int Index, Cont? Parent)
{
    public Cont Next => this with { Index = Index + 1 };

    /// <summary>Same place: same block and index, and the same place after it.</summary>
    public bool SamePlace(Cont? other) =>
        other is not null && other.Block == Block && other.Index == Index && (Parent is null ? other.Parent is null : Parent.SamePlace(other.Parent));
}

/// <summary>How emitting a region of code ended: every path returned, or every path reached one place.</summary>
internal abstract record Outcome;

/// <summary>The region returned <see cref="Value"/>.</summary>
internal sealed record Returned(Value Value) : Outcome;

/// <summary>The region fell through to <see cref="Place"/> with the variables in <see cref="Env"/>.</summary>
internal sealed record Reached(Cont Place, Env Env) : Outcome;
