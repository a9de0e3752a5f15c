using System.Reflection;
using System.Reflection.Emit;
using TorchJit.Ir;

namespace TorchJit.Codegen;

/// <summary>0-dim tensors in registers (<see cref="ScalarizedTensors"/>): their producers and the reads of them.</summary>
public static partial class GraphCompiler
{
    private static readonly MethodInfo SumAsSingle = typeof(AtenOps).GetMethod(nameof(AtenOps.SumAsSingle))!;

    private sealed partial class Emitter
    {
        // A node producing or reading a register value. False for every other node.
        private bool EmitScalarized(Node n)
        {
            var scalars = layout!.Scalarized;
            if (scalars.Count == 0 || n.Op is not { } op || n.Outputs.Count != 1) return false;
            if (scalars.Contains(n.Output))
            {
                if (op.QualifiedName == ScalarizedTensors.SumAll)
                {
                    Load(n.Inputs[0], typeof(Tensor));
                    il.Emit(OpCodes.Call, SumAsSingle);
                    il.Emit(OpCodes.Stloc, LocalFor(n.Output, typeof(float)));
                    return true;
                }

                // A comparison: self is a register float, other a number converted as the tensor op converts it.
                var compare = ScalarizedTensors.Comparisons[op.QualifiedName].GetMethod("Invoke", [typeof(float), typeof(float)])!;
                il.Emit(OpCodes.Ldloc, locals[n.Inputs[0]]);
                LoadAsSingle(n.Inputs[1]);
                il.Emit(OpCodes.Call, compare);
                il.Emit(OpCodes.Stloc, LocalFor(n.Output, typeof(bool)));
                return true;
            }

            if (op.QualifiedName is not (ScalarizedTensors.BoolOf or ScalarizedTensors.FloatOf) || !scalars.Contains(n.Inputs[0])) return false;
            var register = locals[n.Inputs[0]];
            il.Emit(OpCodes.Ldloc, register);
            if (op.QualifiedName == ScalarizedTensors.BoolOf)
            {
                if (register.Type == typeof(float))
                {
                    // bool(x) is x != 0, true for NaN: !(x == 0).
                    il.Emit(OpCodes.Ldc_R4, 0f);
                    il.Emit(OpCodes.Ceq);
                    il.Emit(OpCodes.Ldc_I4_0);
                    il.Emit(OpCodes.Ceq);
                }

                il.Emit(OpCodes.Stloc, LocalFor(n.Output, typeof(bool)));
            }
            else
            {
                // float(x): a float widens exactly; a bool (0 or 1 on the stack) becomes 0.0 or 1.0.
                il.Emit(OpCodes.Conv_R8);
                il.Emit(OpCodes.Stloc, LocalFor(n.Output, typeof(double)));
            }

            return true;
        }

        // A number as a float32 kernel reads it: ints rounded from long, doubles rounded, bools 0 or 1.
        private void LoadAsSingle(Value v)
        {
            switch (v.ConstantValue)
            {
                case long l:
                    il.Emit(OpCodes.Ldc_R4, (float)l);
                    return;
                case double d:
                    il.Emit(OpCodes.Ldc_R4, (float)d);
                    return;
                case bool b:
                    il.Emit(OpCodes.Ldc_R4, b ? 1f : 0f);
                    return;
            }

            Load(v, ClrType(v.Type));
            il.Emit(OpCodes.Conv_R4);
        }

        // The value a branch yields for an output-bound prim::If, left in the output argument.
        private void YieldIntoOutput(Value yielded)
        {
            if (layout!.InOutput(yielded)) return;
            Load(yielded, typeof(Tensor));
            il.Emit(OpCodes.Ldarg_3);
            il.Emit(OpCodes.Call, PlanCopyIntoOutput);
        }
    }

    private static readonly MethodInfo PlanCopyIntoOutput = typeof(PlanCopies).GetMethod(nameof(PlanCopies.IntoOutput))!;
}
