using System.Reflection;
using System.Reflection.Emit;

namespace TorchJit.Codegen.Emit;

/// <summary>
/// Forwards every call to two emitters, so one codegen walk both builds a method and records it
/// (<see cref="ILGeneratorEmitter"/> + <see cref="RecordingEmitter"/>).
/// </summary>
/// <remarks>
/// Codegen holds one handle per local or label, and the tee passes that same handle to both sides, so both
/// must number their locals and labels alike. They do if both start empty, since both count in declaration
/// order; the tee checks it at every declaration rather than let the sides silently drift apart.
/// </remarks>
public sealed class TeeEmitter : IILEmitter
{
    /// <summary>Tees <paramref name="first"/> and <paramref name="second"/>; calls reach them in that order.</summary>
    public TeeEmitter(IILEmitter first, IILEmitter second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        First = first;
        Second = second;
    }

    /// <summary>The emitter that is called first.</summary>
    public IILEmitter First { get; }

    /// <summary>The emitter that is called second.</summary>
    public IILEmitter Second { get; }

    /// <inheritdoc/>
    public EmitLocal DeclareLocal(Type type)
    {
        var local = First.DeclareLocal(type);
        var other = Second.DeclareLocal(type);
        if (local != other)
            throw new InvalidOperationException($"tee: the two emitters declared different locals ({ILText.Local(local)} and {ILText.Local(other)}); did one of them declare locals before the tee?");
        return local;
    }

    /// <inheritdoc/>
    public EmitLabel DefineLabel()
    {
        var label = First.DefineLabel();
        var other = Second.DefineLabel();
        if (label != other)
            throw new InvalidOperationException($"tee: the two emitters defined different labels (L_{label.Index} and L_{other.Index}); did one of them define labels before the tee?");
        return label;
    }

    /// <inheritdoc/>
    public void MarkLabel(EmitLabel label)
    {
        First.MarkLabel(label);
        Second.MarkLabel(label);
    }

    /// <inheritdoc/>
    public void Emit(OpCode opcode)
    {
        First.Emit(opcode);
        Second.Emit(opcode);
    }

    /// <inheritdoc/>
    public void Emit(OpCode opcode, int operand)
    {
        First.Emit(opcode, operand);
        Second.Emit(opcode, operand);
    }

    /// <inheritdoc/>
    public void Emit(OpCode opcode, long operand)
    {
        First.Emit(opcode, operand);
        Second.Emit(opcode, operand);
    }

    /// <inheritdoc/>
    public void Emit(OpCode opcode, float operand)
    {
        First.Emit(opcode, operand);
        Second.Emit(opcode, operand);
    }

    /// <inheritdoc/>
    public void Emit(OpCode opcode, double operand)
    {
        First.Emit(opcode, operand);
        Second.Emit(opcode, operand);
    }

    /// <inheritdoc/>
    public void Emit(OpCode opcode, string operand)
    {
        First.Emit(opcode, operand);
        Second.Emit(opcode, operand);
    }

    /// <inheritdoc/>
    public void Emit(OpCode opcode, EmitLocal local)
    {
        First.Emit(opcode, local);
        Second.Emit(opcode, local);
    }

    /// <inheritdoc/>
    public void Emit(OpCode opcode, EmitLabel label)
    {
        First.Emit(opcode, label);
        Second.Emit(opcode, label);
    }

    /// <inheritdoc/>
    public void Emit(OpCode opcode, MethodInfo method)
    {
        First.Emit(opcode, method);
        Second.Emit(opcode, method);
    }

    /// <inheritdoc/>
    public void Emit(OpCode opcode, ConstructorInfo constructor)
    {
        First.Emit(opcode, constructor);
        Second.Emit(opcode, constructor);
    }

    /// <inheritdoc/>
    public void Emit(OpCode opcode, FieldInfo field)
    {
        First.Emit(opcode, field);
        Second.Emit(opcode, field);
    }

    /// <inheritdoc/>
    public void Emit(OpCode opcode, Type type)
    {
        First.Emit(opcode, type);
        Second.Emit(opcode, type);
    }
}
