using System.Reflection;
using System.Reflection.Emit;

namespace TorchJit.Codegen.Emit;

/// <summary>The <see cref="IILEmitter"/> that writes to a real <see cref="ILGenerator"/>.</summary>
public sealed class ILGeneratorEmitter(ILGenerator il) : IILEmitter
{
    private readonly List<LocalBuilder> locals = [];
    private readonly List<Label> labels = [];

    /// <inheritdoc/>
    public EmitLocal DeclareLocal(Type type)
    {
        locals.Add(il.DeclareLocal(type));
        return new EmitLocal(locals.Count - 1, type);
    }

    /// <inheritdoc/>
    public EmitLabel DefineLabel()
    {
        labels.Add(il.DefineLabel());
        return new EmitLabel(labels.Count - 1);
    }

    /// <inheritdoc/>
    public void MarkLabel(EmitLabel label) => il.MarkLabel(labels[label.Index]);

    /// <inheritdoc/>
    public void Emit(OpCode opcode) => il.Emit(opcode);

    /// <inheritdoc/>
    public void Emit(OpCode opcode, int operand) => il.Emit(opcode, operand);

    /// <inheritdoc/>
    public void Emit(OpCode opcode, long operand) => il.Emit(opcode, operand);

    /// <inheritdoc/>
    public void Emit(OpCode opcode, float operand) => il.Emit(opcode, operand);

    /// <inheritdoc/>
    public void Emit(OpCode opcode, double operand) => il.Emit(opcode, operand);

    /// <inheritdoc/>
    public void Emit(OpCode opcode, string operand) => il.Emit(opcode, operand);

    /// <inheritdoc/>
    public void Emit(OpCode opcode, EmitLocal local) => il.Emit(opcode, locals[local.Index]);

    /// <inheritdoc/>
    public void Emit(OpCode opcode, EmitLabel label) => il.Emit(opcode, labels[label.Index]);

    /// <inheritdoc/>
    public void Emit(OpCode opcode, MethodInfo method) => il.Emit(opcode, method);

    /// <inheritdoc/>
    public void Emit(OpCode opcode, ConstructorInfo constructor) => il.Emit(opcode, constructor);

    /// <inheritdoc/>
    public void Emit(OpCode opcode, FieldInfo field) => il.Emit(opcode, field);

    /// <inheritdoc/>
    public void Emit(OpCode opcode, Type type) => il.Emit(opcode, type);
}
