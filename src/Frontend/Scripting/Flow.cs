using TorchJit.Ir;
using ILBlock = ICSharpCode.Decompiler.IL.Block;

namespace TorchJit.Frontend;

/// <summary>
/// Where control goes next in the ILAst: instruction <see cref="Index"/> of <see cref="Block"/>, and
/// after that block ends, <see cref="Parent"/> (the instruction after the <c>if</c> or container that holds it).
/// </summary>
internal sealed record Cont(ILBlock Block, int Index, Cont? Parent)
{
    public Cont Next => this with { Index = Index + 1 };

    /// <summary>Same place: same block and index, and the same place after it.</summary>
    public bool SamePlace(Cont? other) =>
        other is not null && other.Block == Block && other.Index == Index && (Parent is null ? other.Parent is null : Parent.SamePlace(other.Parent));
}

/// <summary>
/// One way control leaves a region of code: a return from the method (<see cref="Place"/> null) or a
/// jump to <see cref="Place"/> (the statement after an <c>if</c>, a loop's head, the statement after a
/// loop...). Note [Exits]: every exit has a number, the same for the whole method, so several exits can
/// flow out of an <c>if</c> or a loop as one int value (TorchScript's exit flags, generalized).
/// </summary>
internal sealed record Exit(Cont? Place)
{
    public static readonly Exit Return = new((Cont?)null);

    public bool IsReturn => Place is null;

    public bool Same(Exit other) => IsReturn ? other.IsReturn : Place!.SamePlace(other.Place);

    public override string ToString() => IsReturn ? "return" : $"{Place!.Block.Label}[{Place.Index}]";
}

/// <summary>
/// How emitting a region of code ended (Note [Exits]): the exits control can take out of it, which one
/// was taken (<see cref="Code"/>, an int value; null when there is at most one exit), and the values of
/// the locals (and of the returned value) at that point. No exit at all means every path raised.
/// </summary>
internal sealed class Outcome(IReadOnlyList<Exit> exits, Value? code, Env env)
{
    public IReadOnlyList<Exit> Exits { get; } = exits;

    public Value? Code { get; } = code;

    public Env Env { get; } = env;

    public bool Never => Exits.Count == 0;

    public bool IsSingle => Exits.Count == 1;

    /// <summary>The single exit (throws if there are several).</summary>
    public Exit Only => Exits.Count == 1 ? Exits[0] : throw new InvalidOperationException($"outcome has {Exits.Count} exits");

    public static Outcome Reached(Cont place, Env env) => new([new Exit(place)], null, env);

    public static Outcome Returned(Value value)
    {
        var env = new Env();
        env.Set(Env.ReturnSlot, value);
        return new Outcome([Exit.Return], null, env);
    }

    public static Outcome Raised() => new([], null, new Env());

    public bool Has(Exit exit) => Exits.Any(e => e.Same(exit));
}
