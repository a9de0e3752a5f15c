using System.Reflection.Emit;

namespace TorchJit.Codegen;

/// <summary>The loop bodies: every step of the group on one vector, or on one element.</summary>
internal sealed partial class FusedLoopEmitter
{
    // Loads each streamed input once, runs the steps local to local, stores each output.
    private void EmitVectorBody(LoopOffset at)
    {
        var handles = simd!;
        for (int i = 0; i < plan.Inputs.Length; i++)
        {
            if (!plan.Inputs[i].Used || !plan.Inputs[i].IsStreamed) continue;
            il.Emit(OpCodes.Ldloc, inputData[i]!.Value);
            LoadOffset(at, full: plan.Inputs[i].Kind == FusedOperandKind.Full);
            il.Emit(OpCodes.Call, handles.Load);
            il.Emit(OpCodes.Stloc, inputVectors[i]!.Value);
        }

        for (int s = 0; s < plan.Steps.Length; s++)
        {
            var step = plan.Steps[s];
            foreach (var o in step.Operands)
            {
                var local = o.Kind switch
                {
                    FusedSourceKind.Input => inputVectors[o.Index]!.Value,
                    FusedSourceKind.Constant => constantVectors[o.Index],
                    _ => stepVectors[o.Index],
                };
                il.Emit(OpCodes.Ldloc, local);
            }

            il.Emit(OpCodes.Call, SimdHandles.Invoke(step.Operator, handles.Vector, step.Operands.Length));
            il.Emit(OpCodes.Stloc, stepVectors[s]);
        }

        for (int j = 0; j < plan.Outputs.Length; j++)
        {
            il.Emit(OpCodes.Ldloc, stepVectors[plan.Outputs[j]]);
            il.Emit(OpCodes.Ldloc, outputData[j]);
            LoadOffset(at, full: true);
            il.Emit(OpCodes.Call, handles.Store);
        }
    }

    // The same walk on one element, with the operators' float overloads.
    private void EmitScalarBody(LoopOffset at)
    {
        for (int i = 0; i < plan.Inputs.Length; i++)
        {
            if (!plan.Inputs[i].Used || !plan.Inputs[i].IsStreamed) continue;
            il.Emit(OpCodes.Ldloc, inputData[i]!.Value);
            LoadOffset(at, full: plan.Inputs[i].Kind == FusedOperandKind.Full);
            il.Emit(OpCodes.Call, SimdHandles.ElementAt);
            il.Emit(OpCodes.Ldind_R4);
            il.Emit(OpCodes.Stloc, inputScalars[i]!.Value);
        }

        for (int s = 0; s < plan.Steps.Length; s++)
        {
            var step = plan.Steps[s];
            foreach (var o in step.Operands)
            {
                switch (o.Kind)
                {
                    case FusedSourceKind.Input:
                        il.Emit(OpCodes.Ldloc, inputScalars[o.Index]!.Value);
                        break;
                    case FusedSourceKind.Constant:
                        il.Emit(OpCodes.Ldc_R4, plan.Constants[o.Index]);
                        break;
                    default:
                        il.Emit(OpCodes.Ldloc, stepScalars[o.Index]);
                        break;
                }
            }

            il.Emit(OpCodes.Call, SimdHandles.Invoke(step.Operator, typeof(float), step.Operands.Length));
            il.Emit(OpCodes.Stloc, stepScalars[s]);
        }

        for (int j = 0; j < plan.Outputs.Length; j++)
        {
            il.Emit(OpCodes.Ldloc, outputData[j]);
            LoadOffset(at, full: true);
            il.Emit(OpCodes.Call, SimdHandles.ElementAt);
            il.Emit(OpCodes.Ldloc, stepScalars[plan.Outputs[j]]);
            il.Emit(OpCodes.Stind_R4);
        }
    }
}
