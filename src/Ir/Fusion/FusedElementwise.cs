using System.Runtime.CompilerServices;
using TorchJit.Kernels;

namespace TorchJit.Ir;

/// <summary>
/// Runs a <c>prim::FusionGroup</c>'s subgraph of elementwise ops in one sweep over the output, a chunk of
/// <see cref="ChunkLength"/> elements at a time: each op of the group runs on the chunk before the next
/// chunk starts, so intermediates live in a few KB of per-thread scratch (L1) instead of full-size tensors
/// that go through memory once per op. Every element sees the same operator structs as unfused eager code,
/// so results are bit-identical to running the ops one by one.
/// </summary>
/// <remarks>
/// The group's shape is the broadcast of its tensor inputs. Each input must be float32 and either one
/// element (read as a scalar), the full group shape, or a shape that repeats along the leading dimensions
/// (a bias [C] against [N, C], read with a period). Anything else (int or bool tensors, broadcasts that
/// grow both operands) runs the subgraph op by op through <see cref="Interpreter"/>: slower, never wrong.
/// </remarks>
public sealed class FusedElementwise
{
    /// <summary>Elements per chunk: 4 KB per live value, so a group of a dozen values stays in L1.</summary>
    public const int ChunkLength = 1024;

    private static readonly ConditionalWeakTable<Graph, FusedElementwise> Compiled = new();

    [ThreadStatic]
    private static float[]? scratch;

    private readonly Graph subgraph;
    private readonly Step[] steps;
    private readonly Operand[] outputs;

    private FusedElementwise(Graph subgraph)
    {
        this.subgraph = subgraph;
        var index = new Dictionary<Value, Operand>();
        for (int i = 0; i < subgraph.Inputs.Count; i++) index[subgraph.Inputs[i]] = Operand.Input(i);
        var list = new List<Step>();
        foreach (var n in subgraph.Block.Nodes)
        {
            if (n.Kind == NodeKinds.Constant && n.Attribute("value") is null or string)
            {
                continue; // gelu's approximate mode: read by FusibleOps.Lower, not an operand
            }

            if (n.Kind == NodeKinds.Constant)
            {
                // Numbers, and one-element tensors (read once, as the broadcasting kernels would read them).
                var value = n.Attribute("value") is Tensor { NumElements: 1 } t ? t.contiguous().ToArray()[0] : ScalarOf(IValue.FromConstant(n.Attribute("value")), $"constant %{n.Output.Name}");
                index[n.Output] = Operand.Constant(value);
                continue;
            }

            if (FusibleOps.WhyNot(n) is { } reason) throw new NotSupportedException($"fusion group: {n.Kind} cannot be fused: {reason}");
            var (op, operands) = FusibleOps.Lower(n);
            list.Add(new Step(op, [.. operands.Select(i => index[n.Inputs[i]])]));
            index[n.Output] = Operand.StepResult(list.Count - 1);
        }

        steps = [.. list];
        outputs = [.. subgraph.Outputs.Select(o => index[o])];
        if (outputs.Any(o => o.Kind != OperandKind.Step)) throw new NotSupportedException("fusion group: an output must be computed by the group");
    }

    /// <summary>The runner of <paramref name="subgraph"/> (built once per subgraph).</summary>
    /// <exception cref="NotSupportedException">The subgraph holds an op the fuser cannot run.</exception>
    public static FusedElementwise For(Graph subgraph) => Compiled.GetValue(subgraph, static g => new FusedElementwise(g));

    /// <summary>Runs the group on <paramref name="inputs"/> (tensors and numbers, one per subgraph input).</summary>
    public IValue[] Run(IValue[] inputs)
    {
        if (inputs.Length != subgraph.Inputs.Count)
            throw new ArgumentException($"fusion group takes {subgraph.Inputs.Count} inputs, got {inputs.Length}");
        return Plan(inputs) is { } plan ? Sweep(plan) : Interpreter.Run(subgraph, inputs);
    }

    // How each input is read for one call, or null when the inputs do not fit the chunked sweep.
    private Bound? Plan(IValue[] inputs)
    {
        int[] shape = [];
        foreach (var v in inputs)
        {
            if (v.Kind != IValueKind.Tensor) continue;
            var t = v.ToTensor();
            if (t.DType != DType.Float32) return null;
            try
            {
                shape = Broadcasting.BroadcastShapes(shape, t.Shape);
            }
            catch (ArgumentException)
            {
                return null; // the op-by-op path reports the mismatch with the op's name
            }
        }

        long total = Broadcasting.NumElements(shape);
        if (total > int.MaxValue) return null;
        var bound = new BoundInput[inputs.Length];
        for (int i = 0; i < inputs.Length; i++)
        {
            if (inputs[i].Kind != IValueKind.Tensor)
            {
                bound[i] = new BoundInput(null, ScalarOf(inputs[i], $"input {i}"), 0);
                continue;
            }

            var t = inputs[i].ToTensor();
            if (t.NumElements == 1)
            {
                bound[i] = new BoundInput(null, t.contiguous().Float32Span[0], 0);
                continue;
            }

            if (!RepeatsInto(t.Shape, shape)) return null;
            var data = t.contiguous();
            bound[i] = new BoundInput(data, 0, (int)data.NumElements);
        }

        // Every step's result must have the group's shape; with each input of the group's shape or repeating
        // into it, that only fails for a step that reads nothing but repeating inputs (relu of a bias).
        if (total > 1)
        {
            foreach (var step in steps)
                if (!ReadsFullOperand(step, bound, total)) return null;
        }

        return new Bound(shape, (int)total, bound);
    }

    private static bool ReadsFullOperand(Step step, BoundInput[] bound, long total)
    {
        foreach (var o in step.Operands)
        {
            if (o.Kind == OperandKind.Step) return true;
            if (o.Kind == OperandKind.Input && bound[o.Index].Data is { } d && d.NumElements == total) return true;
        }

        return false;
    }

    private IValue[] Sweep(Bound plan)
    {
        int total = plan.Total;
        var results = new Tensor?[steps.Length];
        foreach (var o in outputs) results[o.Index] ??= Tensor.UninitializedFloat32(plan.Shape);

        int registers = steps.Length + plan.Inputs.Length; // step results not written to an output, periodic inputs
        if (scratch is null || scratch.Length < registers * ChunkLength) scratch = new float[registers * ChunkLength];
        var buffers = scratch;
        for (int start = 0; start < total; start += ChunkLength)
        {
            int length = Math.Min(ChunkLength, total - start);
            for (int s = 0; s < steps.Length; s++)
            {
                var step = steps[s];
                Span<float> dst = results[s] is { } r ? r.Float32Span.Slice(start, length) : buffers.AsSpan(s * ChunkLength, length);
                if (step.Op.Arity == 1)
                {
                    if (Read(step.Operands[0], plan, results, buffers, start, length, out float a, out var sa)) step.Op.Run(sa, dst);
                    else dst.Fill(step.Op.Run(a, 0));
                    continue;
                }

                bool spanA = Read(step.Operands[0], plan, results, buffers, start, length, out float x, out var xs);
                bool spanB = Read(step.Operands[1], plan, results, buffers, start, length, out float y, out var ys);
                if (spanA && spanB) step.Op.Run(xs, ys, dst);
                else if (spanA) step.Op.Run(xs, y, dst);
                else if (spanB) step.Op.Run(x, ys, dst);
                else dst.Fill(step.Op.Run(x, y));
            }
        }

        var values = new IValue[outputs.Length];
        for (int i = 0; i < outputs.Length; i++) values[i] = IValue.From(results[outputs[i].Index]!);
        return values;
    }

    // An operand's chunk: a span (true) or a scalar (false). Periodic inputs are unrolled into their register.
    private bool Read(Operand o, Bound plan, Tensor?[] results, float[] buffers, int start, int length, out float scalar, out ReadOnlySpan<float> span)
    {
        scalar = 0;
        span = default;
        switch (o.Kind)
        {
            case OperandKind.Constant:
                scalar = o.Value;
                return false;
            case OperandKind.Step:
                span = results[o.Index] is { } r ? r.Float32Span.Slice(start, length) : buffers.AsSpan(o.Index * ChunkLength, length);
                return true;
        }

        var input = plan.Inputs[o.Index];
        if (input.Data is null)
        {
            scalar = input.Scalar;
            return false;
        }

        var data = input.Data.Float32Span;
        if (data.Length == plan.Total)
        {
            span = data.Slice(start, length);
            return true;
        }

        // Repeats with period data.Length: copy the chunk's window of the cycle.
        var register = buffers.AsSpan((steps.Length + o.Index) * ChunkLength, length);
        int period = input.Period;
        for (int done = 0, at = start % period; done < length; at = 0)
        {
            int take = Math.Min(period - at, length - done);
            data.Slice(at, take).CopyTo(register[done..]);
            done += take;
        }

        span = register;
        return true;
    }

    // True when `shape` (leading 1s dropped) equals the trailing dimensions of `group`.
    private static bool RepeatsInto(ReadOnlySpan<int> shape, int[] group)
    {
        int skip = 0;
        while (skip < shape.Length && shape[skip] == 1) skip++;
        var core = shape[skip..];
        return core.Length <= group.Length && core.SequenceEqual(group.AsSpan(group.Length - core.Length));
    }

    private static float ScalarOf(IValue v, string what) => v.Kind switch
    {
        IValueKind.Double => (float)v.ToDouble(),
        IValueKind.Int => v.ToInt(),
        IValueKind.Bool => v.ToBool() ? 1f : 0f,
        _ => throw new NotSupportedException($"fusion group: {what} is a {v.Kind}, expected a number or tensor"),
    };

    private enum OperandKind
    {
        Input,
        Constant,
        Step,
    }

    private readonly record struct Operand(OperandKind Kind, int Index, float Value)
    {
        public static Operand Input(int i) => new(OperandKind.Input, i, 0);

        public static Operand Constant(float v) => new(OperandKind.Constant, -1, v);

        public static Operand StepResult(int i) => new(OperandKind.Step, i, 0);
    }

    private sealed record Step(ChunkOp Op, Operand[] Operands);

    private readonly record struct BoundInput(Tensor? Data, float Scalar, int Period);

    private sealed record Bound(int[] Shape, int Total, BoundInput[] Inputs);
}
