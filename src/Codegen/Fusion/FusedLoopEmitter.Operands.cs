using System.Reflection.Emit;
using TorchJit.Codegen.Emit;

namespace TorchJit.Codegen;

/// <summary>An element offset the loop addresses: the row's start (for full-size tensors), a counter and a constant, each optional.</summary>
internal readonly record struct LoopOffset(EmitLocal? RowStart, EmitLocal? Index, int Constant);

/// <summary>Typed emit helpers: arguments, native-int offsets and constants.</summary>
internal sealed partial class FusedLoopEmitter
{
    // Pushes the nuint offset `at` names: RowStart (only for full-size tensors; a Row input restarts at every
    // row) + Index + Constant, leaving out the parts that are absent or zero.
    private void LoadOffset(LoopOffset at, bool full)
    {
        bool pushed = false;
        if (full && at.RowStart is { } row)
        {
            il.Emit(OpCodes.Ldloc, row);
            pushed = true;
        }

        if (at.Index is { } index)
        {
            il.Emit(OpCodes.Ldloc, index);
            if (pushed) il.Emit(OpCodes.Add);
            pushed = true;
        }

        if (at.Constant != 0 || !pushed)
        {
            LoadNative(at.Constant);
            if (pushed) il.Emit(OpCodes.Add);
        }
    }

    private void Increment(EmitLocal counter, int step)
    {
        il.Emit(OpCodes.Ldloc, counter);
        LoadNative(step);
        il.Emit(OpCodes.Add);
        il.Emit(OpCodes.Stloc, counter);
    }

    // Sizes fit an int (the lowering rejects larger groups), so ldc.i4 + conv.u makes any offset.
    private void LoadNative(int value)
    {
        LoadInt(value);
        il.Emit(OpCodes.Conv_U);
    }

    private void LoadInt(int value) => il.Emit(OpCodes.Ldc_I4, value);

    // Note [Argument loads]: IILEmitter has no 8- or 16-bit operand overload, and ILGenerator writes the int
    // overload's operand as 4 bytes whatever the opcode. For ldarg.s that is the index byte followed by three
    // zero bytes, which decode as three nops: valid IL that reads the right argument. The short forms cover
    // the first four arguments; a group has far fewer than 256.
    private void LoadArgument(int index)
    {
        switch (index)
        {
            case 0: il.Emit(OpCodes.Ldarg_0); break;
            case 1: il.Emit(OpCodes.Ldarg_1); break;
            case 2: il.Emit(OpCodes.Ldarg_2); break;
            case 3: il.Emit(OpCodes.Ldarg_3); break;
            default:
                if (index > byte.MaxValue) throw new NotSupportedException($"fused loop: argument {index} needs a 16-bit ldarg");
                il.Emit(OpCodes.Ldarg_S, index);
                break;
        }
    }
}
