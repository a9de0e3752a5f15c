using TorchJit.Kernels;

namespace TorchJit.Ir;

/// <summary>
/// One elementwise op of a fusion group, run on a chunk of the group's elements. Operands are chunk spans
/// or scalars; the op is the same operator struct the unfused aten op runs, so a fused group computes
/// every element with the same float operations in the same order as the ops one by one (bit-identical).
/// </summary>
internal abstract class ChunkOp
{
    /// <summary>How many data operands the op reads (1 or 2).</summary>
    public abstract int Arity { get; }

    /// <summary>dst = op(a), a a span.</summary>
    public virtual void Run(ReadOnlySpan<float> a, Span<float> dst) => throw new InvalidOperationException("not a unary op");

    /// <summary>dst = op(a, b) for the three span/scalar mixes.</summary>
    public virtual void Run(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> dst) => throw new InvalidOperationException("not a binary op");

    /// <inheritdoc cref="Run(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>
    public virtual void Run(ReadOnlySpan<float> a, float b, Span<float> dst) => throw new InvalidOperationException("not a binary op");

    /// <inheritdoc cref="Run(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>
    public virtual void Run(float a, ReadOnlySpan<float> b, Span<float> dst) => throw new InvalidOperationException("not a binary op");

    /// <summary>op(a) or op(a, b) on scalars, for a step whose operands are all scalars.</summary>
    public abstract float Run(float a, float b);
}

/// <summary>A unary operator struct as a chunk op.</summary>
internal sealed class UnaryChunkOp<TOp> : ChunkOp
    where TOp : IUnaryOperator
{
    public static readonly UnaryChunkOp<TOp> Instance = new();

    public override int Arity => 1;

    public override void Run(ReadOnlySpan<float> a, Span<float> dst) => Elementwise.Unary<TOp>(a, dst);

    public override float Run(float a, float b) => TOp.Invoke(a);
}

/// <summary>A binary operator struct as a chunk op.</summary>
internal sealed class BinaryChunkOp<TOp> : ChunkOp
    where TOp : IBinaryOperator
{
    public static readonly BinaryChunkOp<TOp> Instance = new();

    public override int Arity => 2;

    public override void Run(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> dst) => Elementwise.Binary<TOp>(a, b, dst);

    public override void Run(ReadOnlySpan<float> a, float b, Span<float> dst) => Elementwise.Binary<TOp>(a, b, dst);

    public override void Run(float a, ReadOnlySpan<float> b, Span<float> dst) => Elementwise.Binary<TOp>(a, b, dst);

    public override float Run(float a, float b) => TOp.Invoke(a, b);
}
