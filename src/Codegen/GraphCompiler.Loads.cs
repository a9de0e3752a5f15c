using System.Reflection.Emit;
using TorchJit.Codegen.Emit;
using TorchJit.Ir;

namespace TorchJit.Codegen;

/// <summary>Loading a value as the type a call expects: literals for number constants, conversions to Scalar.</summary>
public static partial class GraphCompiler
{
    private sealed partial class Emitter
    {
        private void Load(Value v, Type target)
        {
            if (v.Node.Kind == NodeKinds.Constant)
            {
                LoadConstant(v.Node.Attribute("value"), target, v);
                return;
            }

            if (!TakesIValues && v == graph.Inputs[1])
            {
                il.Emit(OpCodes.Ldarg_1);
                return;
            }

            var local = locals.TryGetValue(v, out var l) ? l : throw new InvalidOperationException($"codegen: %{v.Name} is used before it is computed");
            il.Emit(OpCodes.Ldloc, local);
            Convert(local.Type, target, v);
        }

        private void LoadConstant(object? value, Type target, Value v)
        {
            switch (value)
            {
                case null when !target.IsValueType:
                    il.Emit(OpCodes.Ldnull);
                    return;
                case null when Nullable.GetUnderlyingType(target) is not null:
                    // None for long?, double? or Scalar?: the default of the nullable struct.
                    var empty = il.DeclareLocal(target);
                    il.Emit(OpCodes.Ldloca, empty);
                    il.Emit(OpCodes.Initobj, target);
                    il.Emit(OpCodes.Ldloc, empty);
                    return;
                case string text:
                    il.Emit(OpCodes.Ldstr, text);
                    return;
                case Tensor or long[]:
                    LoadFromTable(value);
                    Convert(value.GetType(), target, v);
                    return;
                case long i:
                    il.Emit(OpCodes.Ldc_I8, i);
                    Convert(typeof(long), target, v);
                    return;
                case double d:
                    il.Emit(OpCodes.Ldc_R8, d);
                    Convert(typeof(double), target, v);
                    return;
                case bool b:
                    il.Emit(b ? OpCodes.Ldc_I4_1 : OpCodes.Ldc_I4_0);
                    Convert(typeof(bool), target, v);
                    return;
                default:
                    throw new NotSupportedException($"codegen: constant %{v.Name} ({value?.GetType().Name ?? "None"}) as {target.Name}");
            }
        }

        // Reference constants (tensors, lists, fusion kernels) live in the table the delegate closes over.
        private void LoadFromTable(object value)
        {
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldc_I4, constants.Count);
            il.Emit(OpCodes.Ldelem_Ref);
            il.Emit(OpCodes.Castclass, value.GetType());
            constants.Add(value);
        }

        private void Convert(Type from, Type to, Value v)
        {
            if (from == to || (!to.IsValueType && to.IsAssignableFrom(from))) return;
            if (to == typeof(Scalar))
            {
                il.Emit(OpCodes.Call, from == typeof(long) ? EmitHandles.ScalarFromInt64 : from == typeof(double) ? EmitHandles.ScalarFromDouble
                    : from == typeof(bool) ? EmitHandles.ScalarFromBool : throw Unsupported(from, to, v));
                return;
            }

            if (from == typeof(long) && to == typeof(double))
            {
                il.Emit(OpCodes.Conv_R8);
                return;
            }

            if (Nullable.GetUnderlyingType(to) is { } inner)
            {
                // T -> T? (a Scalar? from an int goes through Scalar first).
                Convert(from, inner, v);
                il.Emit(OpCodes.Newobj, to.GetConstructor([inner])!);
                return;
            }

            throw Unsupported(from, to, v);
        }

        private static NotSupportedException Unsupported(Type from, Type to, Value v) =>
            new($"codegen: cannot pass %{v.Name} ({from.Name}) as {to.Name}");
    }
}
