using System.Reflection;
using System.Reflection.Emit;
using TorchJit.Ir;

namespace TorchJit.Codegen;

/// <summary><c>prim::FusionGroup</c>: one call to the group's <see cref="FusedElementwise"/> sweep.</summary>
public static partial class GraphCompiler
{
    private static readonly MethodInfo FusedRun = typeof(FusedElementwise).GetMethod(nameof(FusedElementwise.Run))!;

    private sealed partial class Emitter
    {
        // kernel.Run(new IValue[] { inputs... }) and the results unpacked into locals. The IValue array is
        // the one allocation a group adds; the sweep itself allocates only its outputs.
        private void EmitFusionGroup(Node n)
        {
            var kernel = FusedElementwise.For((Graph)n.Attribute(NodeKinds.Subgraph)!);
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldc_I4, constants.Count);
            il.Emit(OpCodes.Ldelem_Ref);
            il.Emit(OpCodes.Castclass, typeof(FusedElementwise));
            constants.Add(kernel);

            il.Emit(OpCodes.Ldc_I4, n.Inputs.Count);
            il.Emit(OpCodes.Newarr, typeof(IValue));
            for (int i = 0; i < n.Inputs.Count; i++)
            {
                var type = ClrType(n.Inputs[i].Type);
                il.Emit(OpCodes.Dup);
                il.Emit(OpCodes.Ldc_I4, i);
                Load(n.Inputs[i], type);
                il.Emit(OpCodes.Call, EmitHandles.Pack(type));
                il.Emit(OpCodes.Stelem, typeof(IValue));
            }

            il.Emit(OpCodes.Callvirt, FusedRun);
            var results = il.DeclareLocal(typeof(IValue[]));
            il.Emit(OpCodes.Stloc, results);
            for (int i = 0; i < n.Outputs.Count; i++)
            {
                il.Emit(OpCodes.Ldloc, results);
                il.Emit(OpCodes.Ldc_I4, i);
                il.Emit(OpCodes.Ldelema, typeof(IValue));
                il.Emit(OpCodes.Call, EmitHandles.Unpack(typeof(Tensor)));
                il.Emit(OpCodes.Stloc, LocalFor(n.Outputs[i], typeof(Tensor)));
            }
        }
    }
}
