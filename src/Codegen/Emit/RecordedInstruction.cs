using System.Reflection.Emit;

namespace TorchJit.Codegen.Emit;

/// <summary>Which <see cref="IILEmitter"/> overload an instruction came through, i.e. what its operand is.</summary>
internal enum OperandKind
{
    None,
    Int32,
    Int64,
    Float32,
    Float64,
    String,
    Local,
    Label,
    Method,
    Constructor,
    Field,
    Type,
}

/// <summary>
/// One instruction as <see cref="RecordingEmitter"/> saw it.
/// </summary>
/// <param name="Offset">The instruction's byte offset in the method body.</param>
/// <param name="Size">Its size in bytes: opcode plus the operand as <see cref="ILGenerator"/> writes it.</param>
/// <param name="OpCode">
/// What lands in the IL stream, which is not always what was asked for: like <see cref="ILGenerator"/>,
/// <c>ldloc</c>/<c>stloc</c>/<c>ldloca</c> on a local shrink to their short forms, so offsets and the listing
/// match the real method.
/// </param>
/// <param name="Requested">The opcode codegen asked for.</param>
/// <param name="Kind">Which overload it came through.</param>
/// <param name="Operand">The operand, boxed; null for none.</param>
internal readonly record struct RecordedInstruction(int Offset, int Size, OpCode OpCode, OpCode Requested, OperandKind Kind, object? Operand);
