using System.Reflection.Emit;
using TorchJit.Codegen.Emit;
using TorchJit.Ir;

namespace TorchJit.Codegen;

/// <summary>Plans: the graph specialized to one input signature, with intermediates in a per-call arena.</summary>
public static partial class GraphCompiler
{
    private static readonly System.Reflection.MethodInfo ThrowIfCancellationRequested =
        typeof(CancellationToken).GetMethod(nameof(CancellationToken.ThrowIfCancellationRequested))!;

    /// <summary>
    /// Compiles a frozen, specialized graph (<c>%self</c> unused, one tensor in, one tensor out) to a plan: each
    /// op with an arena tensor in <paramref name="layout"/> calls its out variant on that tensor instead of
    /// allocating, views of arena tensors are loaded ready-made, and the direct output is written into the
    /// output argument. Every other op runs its allocating implementation, as <see cref="Compile"/> does.
    /// </summary>
    public static PlanFunction CompilePlan(Graph graph, PlanLayout layout, string name = "forward")
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(layout);
        if (graph.Inputs.Count != 2 || graph.Inputs[0].Uses.Count > 0)
            throw new NotSupportedException($"codegen: {name} must take the module (unused after freezing) and one tensor; got {graph.Inputs.Count} inputs");
        if (graph.Outputs.Count != 1 || graph.Outputs[0].Type is not TensorType)
            throw new NotSupportedException($"codegen: {name} must return one tensor");
        var emitter = new Emitter(graph, name, [typeof(Tensor), typeof(Tensor[]), typeof(Tensor), typeof(CancellationToken)], typeof(Tensor), layout);
        return (PlanFunction)emitter.Emit(typeof(PlanFunction));
    }

    private sealed partial class Emitter
    {
        // An op whose result the layout places: out variant into the arena tensor or the output argument, or a
        // ready-made view. False when the node runs as usual.
        private bool EmitPlanned(Node n, OpDef op)
        {
            var plan = layout!;
            if (n.Outputs.Count != 1) return false;
            var v = n.Output;
            if (plan.PrecomputedViews.Contains(v))
            {
                LoadArenaTensor(plan.ArenaTensors[v]);
                il.Emit(OpCodes.Stloc, LocalFor(v, typeof(Tensor)));
                return true;
            }

            bool direct = plan.DirectOutputs.Contains(v);
            if (op.OutImplementation is not { } outVariant || (!direct && !plan.ArenaTensors.ContainsKey(v) && !plan.CarriedBuffers.ContainsKey(v))) return false;
            var parameters = outVariant.GetParameters();
            for (int i = 0; i < parameters.Length - 1; i++) Load(n.Inputs[i], parameters[i].ParameterType);
            LoadDestination(v);
            il.Emit(OpCodes.Call, outVariant);
            LoadDestination(v);
            il.Emit(OpCodes.Stloc, LocalFor(v, typeof(Tensor)));
            return true;
        }

        // Where a planned value is written: the output argument, its arena tensor, or a carried value's free buffer.
        private void LoadDestination(Value v)
        {
            if (layout!.DirectOutputs.Contains(v)) il.Emit(OpCodes.Ldarg_3);
            else if (freeBuffers.TryGetValue(v, out var free)) il.Emit(OpCodes.Ldloc, free);
            else LoadArenaTensor(layout.ArenaTensors[v]);
        }

        // Before a loop: each in-place carried value's free buffer starts as its first buffer.
        private void StartCarriedBuffers(Node loop)
        {
            foreach (var yielded in loop.Blocks[0].Outputs)
            {
                if (layout is null || !layout.CarriedBuffers.TryGetValue(yielded, out var buffers) || freeBuffers.ContainsKey(yielded)) continue;
                var free = il.DeclareLocal(typeof(Tensor));
                LoadArenaTensor(buffers.First);
                il.Emit(OpCodes.Stloc, free);
                freeBuffers[yielded] = free;
            }
        }

        // After an iteration: the buffer just written is carried, so the next iteration writes the other one.
        private void SwapCarriedBuffers(Node loop)
        {
            foreach (var yielded in loop.Blocks[0].Outputs)
            {
                if (layout is null || !layout.CarriedBuffers.TryGetValue(yielded, out var buffers)) continue;
                var free = freeBuffers[yielded];
                var wroteSecond = il.DefineLabel();
                var done = il.DefineLabel();
                il.Emit(OpCodes.Ldloc, free);
                LoadArenaTensor(buffers.First);
                il.Emit(OpCodes.Bne_Un, wroteSecond);
                LoadArenaTensor(buffers.Second);
                il.Emit(OpCodes.Stloc, free);
                il.Emit(OpCodes.Br, done);
                il.MarkLabel(wroteSecond);
                LoadArenaTensor(buffers.First);
                il.Emit(OpCodes.Stloc, free);
                il.MarkLabel(done);
            }
        }

        // Between kernels: a cancelled call stops here (a few instructions when the token is not cancelled).
        private void EmitCancellationCheck()
        {
            if (layout is null) return;
            il.Emit(OpCodes.Ldarga, 4);
            il.Emit(OpCodes.Call, ThrowIfCancellationRequested);
        }

        private void LoadArenaTensor(int index)
        {
            il.Emit(OpCodes.Ldarg_2);
            il.Emit(OpCodes.Ldc_I4, index);
            il.Emit(OpCodes.Ldelem_Ref);
        }
    }
}
