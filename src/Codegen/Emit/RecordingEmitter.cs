using System.Reflection;
using System.Reflection.Emit;

namespace TorchJit.Codegen.Emit;

/// <summary>
/// The recording twin of <see cref="ILGeneratorEmitter"/> (after ILGPU's <c>DebugILEmitter</c>): it keeps the
/// instruction stream instead of building a method, so it can print readable IL (<see cref="Listing()"/>) and
/// check the evaluation stack (<see cref="Verify"/>). Tee it with a real emitter (<see cref="TeeEmitter"/>) to
/// get both from one codegen walk.
/// </summary>
/// <remarks>
/// Offsets are real byte offsets of the stream an <see cref="ILGenerator"/> would write for the same calls,
/// which shrinks some instructions to their short forms (<see cref="ILGeneratorForms"/>): the listing shows the
/// instruction written, <c>ldc.i4.s 9</c> for <c>Emit(OpCodes.Ldc_I4, 9)</c>.
/// </remarks>
public sealed partial class RecordingEmitter : IILEmitter
{
    private readonly List<RecordedInstruction> instructions = [];
    private readonly List<Type> locals = [];

    // Per label, the instruction positions it was marked at (the index of the instruction that follows the
    // mark; the instruction count if nothing follows). Exactly one is right; Verify reports the others.
    private readonly List<List<int>> labelMarks = [];

    // MarkLabel calls with a label this emitter never defined, reported by Verify at their position.
    private readonly List<(int Position, EmitLabel Label)> foreignMarks = [];
    private int size;

    /// <summary>Records a method named <paramref name="name"/> with the given signature.</summary>
    /// <param name="name">The method's name, for the listing's header and error messages.</param>
    /// <param name="returnType">What <c>ret</c> returns; <see cref="void"/> means <c>ret</c> needs an empty stack.</param>
    /// <param name="parameterTypes">The parameters, not counting <c>this</c>.</param>
    /// <param name="isStatic">False if argument 0 is <c>this</c>. Codegen's <see cref="DynamicMethod"/>s are all static.</param>
    public RecordingEmitter(string name, Type returnType, IReadOnlyList<Type> parameterTypes, bool isStatic = true)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(returnType);
        ArgumentNullException.ThrowIfNull(parameterTypes);
        Name = name;
        ReturnType = returnType;
        ParameterTypes = [.. parameterTypes];
        IsStatic = isStatic;
    }

    /// <summary>The method's name.</summary>
    public string Name { get; }

    /// <summary>The method's return type.</summary>
    public Type ReturnType { get; }

    /// <summary>The method's parameters, not counting <c>this</c>.</summary>
    public IReadOnlyList<Type> ParameterTypes { get; }

    /// <summary>Whether the method has no <c>this</c> argument.</summary>
    public bool IsStatic { get; }

    /// <summary>The number of instructions recorded so far.</summary>
    public int Count => instructions.Count;

    /// <summary>The size in bytes of the IL recorded so far, i.e. the offset of the next instruction.</summary>
    public int Size => size;

    /// <summary>The locals declared so far, in slot order.</summary>
    public IReadOnlyList<Type> Locals => locals;

    /// <inheritdoc/>
    public EmitLocal DeclareLocal(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        locals.Add(type);
        return new EmitLocal(locals.Count - 1, type);
    }

    /// <inheritdoc/>
    public EmitLabel DefineLabel()
    {
        labelMarks.Add([]);
        return new EmitLabel(labelMarks.Count - 1);
    }

    /// <inheritdoc/>
    public void MarkLabel(EmitLabel label)
    {
        if (IsOwn(label)) labelMarks[label.Index].Add(instructions.Count);
        else foreignMarks.Add((instructions.Count, label));
    }

    /// <inheritdoc/>
    public void Emit(OpCode opcode) => Add(opcode, opcode, OperandKind.None, null, 0);

    /// <inheritdoc/>
    public void Emit(OpCode opcode, int operand)
    {
        var (written, operandSize) = ILGeneratorForms.ForInt32(opcode, operand);
        Add(written, opcode, OperandKind.Int32, operand, operandSize);
    }

    /// <inheritdoc/>
    public void Emit(OpCode opcode, long operand) => Add(opcode, opcode, OperandKind.Int64, operand, 8);

    /// <inheritdoc/>
    public void Emit(OpCode opcode, float operand) => Add(opcode, opcode, OperandKind.Float32, operand, 4);

    /// <inheritdoc/>
    public void Emit(OpCode opcode, double operand) => Add(opcode, opcode, OperandKind.Float64, operand, 8);

    /// <inheritdoc/>
    public void Emit(OpCode opcode, string operand) => Add(opcode, opcode, OperandKind.String, operand, 4);

    /// <inheritdoc/>
    public void Emit(OpCode opcode, EmitLocal local)
    {
        var (written, operandSize) = ILGeneratorForms.ForLocal(opcode, local.Index);
        Add(written, opcode, OperandKind.Local, local, operandSize);
    }

    /// <inheritdoc/>
    public void Emit(OpCode opcode, EmitLabel label) =>
        Add(opcode, opcode, OperandKind.Label, label, opcode.OperandType == OperandType.ShortInlineBrTarget ? 1 : 4);

    /// <inheritdoc/>
    public void Emit(OpCode opcode, MethodInfo method) => Add(opcode, opcode, OperandKind.Method, method, 4);

    /// <inheritdoc/>
    public void Emit(OpCode opcode, ConstructorInfo constructor) => Add(opcode, opcode, OperandKind.Constructor, constructor, 4);

    /// <inheritdoc/>
    public void Emit(OpCode opcode, FieldInfo field) => Add(opcode, opcode, OperandKind.Field, field, 4);

    /// <inheritdoc/>
    public void Emit(OpCode opcode, Type type) => Add(opcode, opcode, OperandKind.Type, type, 4);

    private void Add(OpCode written, OpCode requested, OperandKind kind, object? operand, int operandSize)
    {
        int length = written.Size + operandSize;
        instructions.Add(new RecordedInstruction(size, length, written, requested, kind, operand));
        size += length;
    }

    private bool IsOwn(EmitLabel label) => label.Index >= 0 && label.Index < labelMarks.Count;

    private bool IsOwn(EmitLocal local) => local.Index >= 0 && local.Index < locals.Count && locals[local.Index] == local.Type;
}
