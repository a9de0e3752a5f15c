using System.Reflection.Emit;

namespace TorchJit.Codegen.Emit;

/// <summary>
/// What <see cref="ILGenerator"/> (.NET 10) actually writes for an opcode and operand, which is not always what
/// it was asked for: it picks the shortest form of <c>ldc.i4</c>, <c>ldarg</c>, <c>ldarga</c>, <c>starg</c>,
/// <c>ldloc</c>, <c>stloc</c> and <c>ldloca</c>. The recorder mirrors it so its offsets and listing are those of
/// the real method (<c>TeeEmitterTests</c> compares them byte for byte).
/// </summary>
internal static class ILGeneratorForms
{
    /// <summary>The opcode written for <c>Emit(opcode, int)</c>, and how many operand bytes follow it.</summary>
    /// <remarks>
    /// Any other opcode gets four operand bytes whatever it expects; an argument index outside 0..65535 too
    /// (after a long <c>ldarg</c>, which expects two). <see cref="RecordingEmitter.Verify"/> reports both.
    /// </remarks>
    public static (OpCode OpCode, int OperandSize) ForInt32(OpCode opcode, int value)
    {
        if (opcode == OpCodes.Ldc_I4)
        {
            return value switch
            {
                -1 => (OpCodes.Ldc_I4_M1, 0),
                0 => (OpCodes.Ldc_I4_0, 0),
                1 => (OpCodes.Ldc_I4_1, 0),
                2 => (OpCodes.Ldc_I4_2, 0),
                3 => (OpCodes.Ldc_I4_3, 0),
                4 => (OpCodes.Ldc_I4_4, 0),
                5 => (OpCodes.Ldc_I4_5, 0),
                6 => (OpCodes.Ldc_I4_6, 0),
                7 => (OpCodes.Ldc_I4_7, 0),
                8 => (OpCodes.Ldc_I4_8, 0),
                >= sbyte.MinValue and <= sbyte.MaxValue => (OpCodes.Ldc_I4_S, 1),
                _ => (opcode, 4),
            };
        }

        if (opcode == OpCodes.Ldarg)
        {
            return value switch
            {
                0 => (OpCodes.Ldarg_0, 0),
                1 => (OpCodes.Ldarg_1, 0),
                2 => (OpCodes.Ldarg_2, 0),
                3 => (OpCodes.Ldarg_3, 0),
                _ => Argument(opcode, OpCodes.Ldarg_S, value),
            };
        }

        if (opcode == OpCodes.Ldarga) return Argument(opcode, OpCodes.Ldarga_S, value);
        if (opcode == OpCodes.Starg) return Argument(opcode, OpCodes.Starg_S, value);
        return (opcode, 4);
    }

    /// <summary>Whether <c>Emit(opcode, int)</c> with <paramref name="value"/> writes a well-formed instruction.</summary>
    public static bool TakesInt32(OpCode opcode, int value) =>
        opcode == OpCodes.Ldc_I4
        || (opcode == OpCodes.Ldarg || opcode == OpCodes.Ldarga || opcode == OpCodes.Starg) && value is >= 0 and <= ushort.MaxValue;

    /// <summary>The opcode written for <c>Emit(opcode, LocalBuilder)</c> on local slot <paramref name="index"/>, and its operand bytes.</summary>
    public static (OpCode OpCode, int OperandSize) ForLocal(OpCode opcode, int index)
    {
        var written = opcode;
        if (opcode == OpCodes.Ldloc)
        {
            written = index switch
            {
                0 => OpCodes.Ldloc_0,
                1 => OpCodes.Ldloc_1,
                2 => OpCodes.Ldloc_2,
                3 => OpCodes.Ldloc_3,
                >= 0 and <= byte.MaxValue => OpCodes.Ldloc_S,
                _ => opcode,
            };
        }
        else if (opcode == OpCodes.Stloc)
        {
            written = index switch
            {
                0 => OpCodes.Stloc_0,
                1 => OpCodes.Stloc_1,
                2 => OpCodes.Stloc_2,
                3 => OpCodes.Stloc_3,
                >= 0 and <= byte.MaxValue => OpCodes.Stloc_S,
                _ => opcode,
            };
        }
        else if (opcode == OpCodes.Ldloca && index is >= 0 and <= byte.MaxValue)
        {
            written = OpCodes.Ldloca_S;
        }

        int operandSize = written.OperandType switch
        {
            OperandType.InlineNone => 0,
            OperandType.ShortInlineVar => 1,
            _ => 2,
        };
        return (written, operandSize);
    }

    private static (OpCode, int) Argument(OpCode opcode, OpCode shortForm, int index) => index switch
    {
        >= 0 and <= byte.MaxValue => (shortForm, 1),
        >= 0 and <= ushort.MaxValue => (opcode, 2),
        _ => (opcode, 4),
    };
}
