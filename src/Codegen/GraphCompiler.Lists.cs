using System.Reflection.Emit;
using TorchJit.Codegen.Emit;
using TorchJit.Ir;

namespace TorchJit.Codegen;

/// <summary>Lists built in the graph (<c>cat</c>'s tensors, computed sizes) and ops with several results.</summary>
public static partial class GraphCompiler
{
    private sealed partial class Emitter
    {
        private void EmitListConstruct(Node n)
        {
            var elementType = n.Output.Type is ListType { Element: TensorType } ? typeof(Tensor) : typeof(long);
            il.Emit(OpCodes.Ldc_I4, n.Inputs.Count);
            il.Emit(OpCodes.Newarr, elementType);
            for (int i = 0; i < n.Inputs.Count; i++)
            {
                il.Emit(OpCodes.Dup);
                il.Emit(OpCodes.Ldc_I4, i);
                Load(n.Inputs[i], elementType);
                il.Emit(elementType == typeof(Tensor) ? OpCodes.Stelem_Ref : OpCodes.Stelem_I8);
            }

            il.Emit(OpCodes.Stloc, LocalFor(n.Output, elementType.MakeArrayType()));
        }

        // A C# value tuple result is spread into one local per graph output.
        private void StoreResults(Node n, Type returnType)
        {
            if (n.Outputs.Count == 1)
            {
                il.Emit(OpCodes.Stloc, LocalFor(n.Output, returnType));
                return;
            }

            var tuple = il.DeclareLocal(returnType);
            il.Emit(OpCodes.Stloc, tuple);
            for (int i = 0; i < n.Outputs.Count; i++)
            {
                var field = returnType.GetField("Item" + (i + 1))
                    ?? throw new NotSupportedException($"codegen: {n.Kind} has {n.Outputs.Count} outputs but returns {returnType.Name}");
                il.Emit(OpCodes.Ldloca, tuple);
                il.Emit(OpCodes.Ldfld, field);
                il.Emit(OpCodes.Stloc, LocalFor(n.Outputs[i], field.FieldType));
            }
        }
    }
}
