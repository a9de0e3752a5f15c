using System.Reflection;
using System.Reflection.Emit;
using TorchJit.Codegen.Emit;
using TorchJit.Ir;

namespace TorchJit.Codegen;

/// <summary><c>prim::FusionGroup</c>: one call to the group's <see cref="FusedElementwise"/> sweep.</summary>
public static partial class GraphCompiler
{
    private static readonly MethodInfo FusedRun = typeof(FusedElementwise).GetMethod(nameof(FusedElementwise.Run))!;
    private static readonly MethodInfo NewLoopOutput = typeof(FusedLoopRuntime).GetMethod(nameof(FusedLoopRuntime.NewOutput))!;

    private sealed partial class Emitter
    {
        // kernel.Run(new IValue[] { inputs... }) and the results unpacked into locals. The kernel is built here,
        // once; per call the group still allocates its argument and result arrays and the sweep's plan besides
        // its outputs (the allocation-free runtime is issue 6's).
        private void EmitFusionGroup(Node n)
        {
            if (layout is not null && layout.FusedLoops.TryGetValue(n, out var loop))
            {
                EmitFusedLoop(n, loop);
                return;
            }

            LoadFromTable(FusedElementwise.For((Graph)n.Attribute(NodeKinds.Subgraph)!));
            PackArray(n.Inputs);
            il.Emit(OpCodes.Callvirt, FusedRun);
            var results = il.DeclareLocal(typeof(IValue[]));
            il.Emit(OpCodes.Stloc, results);
            for (int i = 0; i < n.Outputs.Count; i++)
            {
                il.Emit(OpCodes.Ldloc, results);
                UnpackElement(i, n.Outputs[i]);
            }
        }

        // A group compiled to a SIMD loop for this signature: one static call with the inputs, then the outputs it
        // fills. An output the plan does not place (carried to a loop's next iteration) is allocated first.
        private void EmitFusedLoop(Node n, MethodInfo loop)
        {
            foreach (var o in n.Outputs.Where(o => !layout!.Placed(o)))
            {
                LoadFromTable(layout!.FusedLoopShapes[n]);
                il.Emit(OpCodes.Call, NewLoopOutput);
                il.Emit(OpCodes.Stloc, LocalFor(o, typeof(Tensor)));
            }

            var parameters = loop.GetParameters();
            for (int i = 0; i < n.Inputs.Count; i++) Load(n.Inputs[i], parameters[i].ParameterType);
            foreach (var o in n.Outputs) LoadLoopDestination(o);
            il.Emit(OpCodes.Call, loop);
            foreach (var o in n.Outputs.Where(layout!.Placed))
            {
                LoadDestination(o);
                il.Emit(OpCodes.Stloc, LocalFor(o, typeof(Tensor)));
            }
        }

        private void LoadLoopDestination(Value o)
        {
            if (layout!.Placed(o)) LoadDestination(o);
            else il.Emit(OpCodes.Ldloc, locals[o]);
        }
    }
}
