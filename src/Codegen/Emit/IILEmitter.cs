using System.Reflection;
using System.Reflection.Emit;

namespace TorchJit.Codegen.Emit;

/// <summary>A local variable declared through an <see cref="IILEmitter"/> (the emitter's own handle, so every implementation can make one).</summary>
/// <param name="Index">The local's slot, in declaration order.</param>
/// <param name="Type">The local's type.</param>
public readonly record struct EmitLocal(int Index, Type Type);

/// <summary>A branch target defined through an <see cref="IILEmitter"/>.</summary>
/// <param name="Index">The label's number, in definition order.</param>
public readonly record struct EmitLabel(int Index);

/// <summary>
/// The IL instruction stream codegen writes to: the subset of <see cref="ILGenerator"/> it uses, behind an
/// interface so the same emitting code can drive a real <see cref="ILGenerator"/> or a recorder that prints
/// readable IL and checks the evaluation stack (for <c>TORCHJIT_DUMP_IL</c> and for tests).
/// </summary>
public interface IILEmitter
{
    /// <summary>Declares a local of <paramref name="type"/>.</summary>
    EmitLocal DeclareLocal(Type type);

    /// <summary>Defines a label to be marked later.</summary>
    EmitLabel DefineLabel();

    /// <summary>Marks the next instruction as <paramref name="label"/>'s target.</summary>
    void MarkLabel(EmitLabel label);

    /// <summary>An instruction without an operand.</summary>
    void Emit(OpCode opcode);

    /// <summary>An instruction with an int32 operand (<c>ldc.i4</c>, <c>ldarg</c>).</summary>
    void Emit(OpCode opcode, int operand);

    /// <summary>An instruction with an int64 operand (<c>ldc.i8</c>).</summary>
    void Emit(OpCode opcode, long operand);

    /// <summary>An instruction with a float32 operand (<c>ldc.r4</c>).</summary>
    void Emit(OpCode opcode, float operand);

    /// <summary>An instruction with a float64 operand (<c>ldc.r8</c>).</summary>
    void Emit(OpCode opcode, double operand);

    /// <summary>An instruction with a string operand (<c>ldstr</c>).</summary>
    void Emit(OpCode opcode, string operand);

    /// <summary>An instruction on a local (<c>ldloc</c>, <c>stloc</c>, <c>ldloca</c>).</summary>
    void Emit(OpCode opcode, EmitLocal local);

    /// <summary>A branch to <paramref name="label"/>.</summary>
    void Emit(OpCode opcode, EmitLabel label);

    /// <summary>A call of <paramref name="method"/> (also a <see cref="DynamicMethod"/>).</summary>
    void Emit(OpCode opcode, MethodInfo method);

    /// <summary><c>newobj</c>.</summary>
    void Emit(OpCode opcode, ConstructorInfo constructor);

    /// <summary>A field access (<c>ldfld</c>, <c>stfld</c>, <c>ldsfld</c>).</summary>
    void Emit(OpCode opcode, FieldInfo field);

    /// <summary>An instruction with a type operand (<c>castclass</c>, <c>newarr</c>, <c>initobj</c>, <c>box</c>).</summary>
    void Emit(OpCode opcode, Type type);
}
