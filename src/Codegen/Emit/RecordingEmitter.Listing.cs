using System.Globalization;
using System.Reflection;
using System.Reflection.Emit;
using System.Text;

namespace TorchJit.Codegen.Emit;

// The readable IL: ildasm's shape, one instruction per line at its byte offset, branch targets as offsets.
public sealed partial class RecordingEmitter
{
    /// <summary>
    /// The recorded method as text: a header <c>// name(parameters) -> return</c>, the locals, then one line per
    /// instruction, e.g. <c>IL_0003: call TorchJit.Tensor TorchJit.Ir.AtenOps::relu(TorchJit.Tensor)</c>.
    /// </summary>
    public string Listing() => Listing(instructions.Count, here: null);

    /// <inheritdoc cref="Listing()"/>
    public override string ToString() => Listing();

    /// <summary>The listing of the first <paramref name="count"/> instructions, pointing at instruction <paramref name="here"/>.</summary>
    private string Listing(int count, int? here)
    {
        var text = new StringBuilder();
        text.Append("// ").Append(IsStatic ? "" : "instance ").Append(Name)
            .Append('(').AppendJoin(", ", ParameterTypes.Select(ILText.Type)).Append(") -> ")
            .Append(ILText.Type(ReturnType)).Append('\n');
        if (locals.Count > 0)
        {
            text.Append("// locals:\n");
            for (int i = 0; i < locals.Count; i++) text.Append("//   ").Append(ILText.Local(new EmitLocal(i, locals[i]))).Append('\n');
        }

        for (int i = 0; i < Math.Min(count, instructions.Count); i++)
        {
            text.Append(Line(instructions[i]));
            if (i == here) text.Append("   <-- here");
            text.Append('\n');
        }

        if (here == instructions.Count) text.Append(Offset(size)).Append(": (end of method)   <-- here\n");
        return text.ToString();
    }

    private string Line(in RecordedInstruction instruction)
    {
        string head = Offset(instruction.Offset) + ": " + instruction.OpCode.Name;
        if (Operand(instruction) is not { } operand) return head;
        if (instruction.OpCode.OperandType != OperandType.InlineNone) return head + " " + operand;
        // A short form such as ldloc.0 or ldc.i4.1 carries its operand in the opcode; for a local, still say
        // which one it is and its type.
        return instruction.Kind == OperandKind.Local ? head + " // " + operand : head;
    }

    private string? Operand(in RecordedInstruction instruction) => instruction.Operand switch
    {
        null => null,
        int value => value.ToString(CultureInfo.InvariantCulture),
        long value => value.ToString(CultureInfo.InvariantCulture),
        float value => ILText.Float(value),
        double value => ILText.Float(value),
        string value => ILText.String(value),
        EmitLocal local => ILText.Local(local),
        EmitLabel label => Target(label),
        MethodBase method => ILText.Method(method),
        FieldInfo field => ILText.Field(field),
        Type type => ILText.Type(type),
        var other => other.ToString(),
    };

    private string Target(EmitLabel label) =>
        IsOwn(label) && labelMarks[label.Index] is [int position, ..]
            ? Offset(OffsetOf(position))
            : $"L_{label.Index.ToString(CultureInfo.InvariantCulture)} (never marked)";

    // The offset of the instruction at `position`; one past the last instruction is the end of the method.
    private int OffsetOf(int position) => position < instructions.Count ? instructions[position].Offset : size;

    private static string Offset(int offset) => "IL_" + offset.ToString("x4", CultureInfo.InvariantCulture);
}
