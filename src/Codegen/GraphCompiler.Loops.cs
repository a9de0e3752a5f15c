using System.Reflection.Emit;
using TorchJit.Codegen.Emit;
using TorchJit.Ir;

namespace TorchJit.Codegen;

/// <summary>
/// <c>prim::Loop(max_trip_count, initial_condition, carried...)</c> with body <c>(i, carried...) -> (condition, carried...)</c>
/// as an IL loop over an int64 counter:
/// <code>
///   carried = initial values; cond = initial_condition; i = 0
/// head:
///   if (i &gt;= max_trip_count || !cond) goto end     // each test left out when it cannot fail
///   body (reads i and carried)
///   cond, carried = body outputs                     // all loaded first: a parallel assignment
///   i++; goto head
/// end:
///   loop outputs = carried
/// </code>
/// The body's carried inputs are the locals that hold the carried values, and the loop's outputs alias them.
/// </summary>
public static partial class GraphCompiler
{
    private sealed partial class Emitter
    {
        private void EmitLoop(Node n)
        {
            var body = n.Blocks[0];
            int carriedCount = n.Outputs.Count;

            var trips = il.DeclareLocal(typeof(long));
            Load(n.Inputs[0], typeof(long));
            il.Emit(OpCodes.Stloc, trips);
            var counter = il.DeclareLocal(typeof(long));
            il.Emit(OpCodes.Ldc_I8, 0L);
            il.Emit(OpCodes.Stloc, counter);
            locals[body.Inputs[0]] = counter;

            // A condition that is constant true on entry and in the body (a for loop) needs no local.
            bool conditionAlwaysTrue = IsConstant(n.Inputs[1], true) && IsConstant(body.Outputs[0], true);
            EmitLocal? condition = null;
            if (!conditionAlwaysTrue)
            {
                condition = il.DeclareLocal(typeof(bool));
                Load(n.Inputs[1], typeof(bool));
                il.Emit(OpCodes.Stloc, condition.Value);
            }

            var carried = new EmitLocal[carriedCount];
            for (int c = 0; c < carriedCount; c++)
            {
                var type = ClrType(n.Outputs[c].Type);
                carried[c] = il.DeclareLocal(type);
                Load(n.Inputs[c + 2], type);
                il.Emit(OpCodes.Stloc, carried[c]);
                locals[body.Inputs[c + 1]] = carried[c];
            }

            StartCarriedBuffers(n);
            var head = il.DefineLabel();
            var end = il.DefineLabel();
            il.MarkLabel(head);
            EmitCancellationCheck();
            // A while loop's trip count is INT64_MAX: the counter cannot reach it, so it is not tested.
            if (!IsConstant(n.Inputs[0], long.MaxValue))
            {
                il.Emit(OpCodes.Ldloc, counter);
                il.Emit(OpCodes.Ldloc, trips);
                il.Emit(OpCodes.Bge, end);
            }

            if (condition is not null)
            {
                il.Emit(OpCodes.Ldloc, condition.Value);
                il.Emit(OpCodes.Brfalse, end);
            }

            EmitBlock(body);

            // Every new value is read before any is written: an output may be another carried input (a swap).
            if (condition is not null) Load(body.Outputs[0], typeof(bool));
            for (int c = 0; c < carriedCount; c++) Load(body.Outputs[c + 1], carried[c].Type);
            for (int c = carriedCount - 1; c >= 0; c--) il.Emit(OpCodes.Stloc, carried[c]);
            if (condition is not null) il.Emit(OpCodes.Stloc, condition.Value);
            SwapCarriedBuffers(n);

            il.Emit(OpCodes.Ldloc, counter);
            il.Emit(OpCodes.Ldc_I8, 1L);
            il.Emit(OpCodes.Add);
            il.Emit(OpCodes.Stloc, counter);
            il.Emit(OpCodes.Br, head);
            il.MarkLabel(end);

            for (int c = 0; c < carriedCount; c++) locals[n.Outputs[c]] = carried[c];
        }

        private static bool IsConstant(Value v, object expected) =>
            v.Node.Kind == NodeKinds.Constant && Equals(v.Node.Attribute("value"), expected);

        // Graph inputs arrive as IValues: each used one is unpacked into a typed local once, on entry.
        private void UnpackInputs()
        {
            for (int i = 0; i < graph.Inputs.Count; i++)
            {
                if (graph.Inputs[i].Uses.Count == 0) continue;
                il.Emit(OpCodes.Ldarg_1);
                UnpackElement(i, graph.Inputs[i]);
            }
        }

        private void PackOutputs() => PackArray(graph.Outputs);

        // Leaves a new IValue[] holding `values` on the stack (the boxed boundary of a call).
        private void PackArray(IReadOnlyList<Value> values)
        {
            il.Emit(OpCodes.Ldc_I4, values.Count);
            il.Emit(OpCodes.Newarr, typeof(IValue));
            for (int i = 0; i < values.Count; i++)
            {
                var type = ClrType(values[i].Type);
                il.Emit(OpCodes.Dup);
                il.Emit(OpCodes.Ldc_I4, i);
                Load(values[i], type);
                il.Emit(OpCodes.Call, EmitHandles.Pack(type));
                il.Emit(OpCodes.Stelem, typeof(IValue));
            }
        }

        // With an IValue[] on the stack: stores element `index` into the local of `target`.
        private void UnpackElement(int index, Value target)
        {
            var type = ClrType(target.Type);
            il.Emit(OpCodes.Ldc_I4, index);
            il.Emit(OpCodes.Ldelema, typeof(IValue));
            il.Emit(OpCodes.Call, EmitHandles.Unpack(type));
            il.Emit(OpCodes.Stloc, LocalFor(target, type));
        }
    }
}
