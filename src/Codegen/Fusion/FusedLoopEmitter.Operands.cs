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

    // ILGenerator picks ldarg's short form itself (ldarg.0-3, ldarg.s) from the index; the recorder mirrors that.
    private void LoadArgument(int index) => il.Emit(OpCodes.Ldarg, index);
}
