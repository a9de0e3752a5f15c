using System.Globalization;
using System.Reflection;
using System.Reflection.Emit;

namespace TorchJit.Codegen.Emit;

// The stack-depth checker: one pass over the stream in emission order, as the CLR's importer reads it
// (ECMA-335 III.1.7.5), so the first problem reported is the first one the JIT would hit.
public sealed partial class RecordingEmitter
{
    /// <summary>
    /// Checks the recorded stream and throws <see cref="InvalidOperationException"/> at the first problem, naming
    /// the instruction (index, offset, opcode), the stack depths involved, and the listing up to there. It checks
    /// that every operand suits its opcode as <see cref="ILGenerator"/> would write it; that locals and labels
    /// belong to this emitter; that every label branched to is marked exactly once (and none twice); that the
    /// stack never underflows; that every label is reached with one depth from every branch and from fall-through;
    /// that <c>ret</c> leaves 1 slot (0 for <see cref="void"/>); and that control never falls off the end.
    /// </summary>
    /// <remarks>
    /// Code right after an unconditional branch, <c>ret</c> or <c>throw</c> is reached only through a label; its
    /// depth is that of an earlier branch there, and otherwise empty (the ECMA backward-branch rule), which later
    /// backward branches must then match.
    /// </remarks>
    public void Verify()
    {
        var depthAt = new int?[labelMarks.Count];
        var reachedBy = new string?[labelMarks.Count]; // how depthAt[label] became known, for messages
        var markedHere = MarksByPosition();
        int? depth = 0;

        for (int i = 0; i <= instructions.Count; i++)
        {
            foreach (var (position, label) in foreignMarks)
            {
                if (position == i) Fail(i, $"label L_{label.Index} was not defined by this emitter ({labelMarks.Count} labels)");
            }

            // Reconcile the depth by fall-through with the depths branches brought to the labels marked here.
            string? source = depth is null ? null : "fall-through";
            foreach (int label in markedHere.GetValueOrDefault(i, []))
            {
                if (labelMarks[label].Count > 1 && labelMarks[label][1] == i)
                    Fail(i, $"label L_{label} is marked a second time (first at {Offset(OffsetOf(labelMarks[label][0]))})");
                if (depthAt[label] is not { } arrived) continue;
                if (depth is null)
                {
                    depth = arrived;
                    source = reachedBy[label];
                }
                else if (depth != arrived)
                {
                    Fail(i, $"stack depth {depth} here ({source}) but {arrived} at label L_{label} ({reachedBy[label]})");
                }
            }

            if (i == instructions.Count)
            {
                if (depth is not null) Fail(i, $"control falls off the end of the method (depth {depth}, {source})");
                break;
            }

            if (depth is null)
            {
                depth = 0;
                source = "unreachable except by a later backward branch, so assumed empty";
            }

            foreach (int label in markedHere.GetValueOrDefault(i, []))
            {
                if (depthAt[label] is null)
                {
                    depthAt[label] = depth;
                    reachedBy[label] = source;
                }
            }

            depth = Step(i, depth.Value, depthAt, reachedBy);
        }
    }

    // Checks instruction i entered with `depth` and returns the depth after it, or null if it does not fall through.
    private int? Step(int i, int depth, int?[] depthAt, string?[] reachedBy)
    {
        var instruction = instructions[i];
        var opcode = instruction.OpCode;
        CheckOperand(i, instruction);

        int pops = StackEffect.Pops(instruction, ReturnType);
        if (pops > depth) Fail(i, $"stack underflow: pops {pops} with depth {depth}");
        if (opcode == OpCodes.Ret && depth != pops)
            Fail(i, $"ret in a method returning {ILText.Type(ReturnType)} needs depth {pops}, has {depth}");
        int after = depth - pops + StackEffect.Pushes(instruction);

        if (instruction.Operand is EmitLabel target)
        {
            if (labelMarks[target.Index].Count == 0) Fail(i, $"branches to label L_{target.Index}, which is never marked");
            int targetPosition = labelMarks[target.Index][0];
            CheckShortBranch(i, instruction, OffsetOf(targetPosition));

            // leave empties the stack on its way out of a protected block.
            int arriving = opcode == OpCodes.Leave || opcode == OpCodes.Leave_S ? 0 : after;
            string by = $"branch at {Offset(instruction.Offset)} {opcode.Name}";
            if (depthAt[target.Index] is { } known && known != arriving)
                Fail(i, $"branch with stack depth {arriving} to {Offset(OffsetOf(targetPosition))}, which has depth {known} ({reachedBy[target.Index]})");
            if (depthAt[target.Index] is null)
            {
                depthAt[target.Index] = arriving;
                reachedBy[target.Index] = by;
            }
        }

        return opcode.FlowControl is FlowControl.Branch or FlowControl.Return or FlowControl.Throw ? null : after;
    }

    private void CheckOperand(int i, in RecordedInstruction instruction)
    {
        // Judge what codegen asked for: ILGenerator writes the operand the overload implies, not the one the
        // opcode expects (Emit(ldc.i4.s, int) writes four bytes where the JIT reads one), so a mismatch is a
        // corrupt stream, not just an odd listing.
        var requested = instruction.Requested;
        bool fits = instruction.Kind switch
        {
            OperandKind.None => requested.OperandType == OperandType.InlineNone,
            OperandKind.Int32 => ILGeneratorForms.TakesInt32(requested, (int)instruction.Operand!),
            OperandKind.Int64 => requested.OperandType == OperandType.InlineI8,
            OperandKind.Float32 => requested.OperandType == OperandType.ShortInlineR,
            OperandKind.Float64 => requested.OperandType == OperandType.InlineR,
            OperandKind.String => requested.OperandType == OperandType.InlineString,
            OperandKind.Local => IsLocalOpcode(requested),
            OperandKind.Label => requested.OperandType is OperandType.InlineBrTarget or OperandType.ShortInlineBrTarget,
            OperandKind.Method or OperandKind.Constructor => requested.OperandType is OperandType.InlineMethod or OperandType.InlineTok,
            OperandKind.Field => requested.OperandType is OperandType.InlineField or OperandType.InlineTok,
            OperandKind.Type => requested.OperandType is OperandType.InlineType or OperandType.InlineTok,
            _ => false,
        };
        if (!fits)
        {
            Fail(i, instruction.Kind switch
            {
                OperandKind.Local => $"{requested.Name} does not take a local",
                OperandKind.Int32 when requested.OperandType == OperandType.InlineVar =>
                    $"{requested.Name} {instruction.Operand} is not an argument index ILGenerator can encode",
                _ => $"{requested.Name} takes an operand of kind {requested.OperandType} but was emitted with {instruction.Kind}",
            });
        }

        switch (instruction.Operand)
        {
            case EmitLocal local when !IsOwn(local):
                Fail(i, $"local {ILText.Local(local)} was not declared by this emitter ({locals.Count} locals)");
                break;
            case EmitLocal local when local.Index > byte.MaxValue && requested.OperandType == OperandType.ShortInlineVar:
                Fail(i, $"{requested.Name} cannot reach local {local.Index}");
                break;
            case EmitLabel label when !IsOwn(label):
                Fail(i, $"label L_{label.Index} was not defined by this emitter ({labelMarks.Count} labels)");
                break;
            case MethodInfo when instruction.OpCode == OpCodes.Newobj:
                Fail(i, "newobj needs a constructor, not a method");
                break;
        }

        int arguments = ParameterTypes.Count + (IsStatic ? 0 : 1);
        if (ArgumentIndex(instruction) is { } argument && argument >= arguments)
            Fail(i, $"{instruction.OpCode.Name} uses argument {argument} but the method has {arguments}");
    }

    private void CheckShortBranch(int i, in RecordedInstruction instruction, int targetOffset)
    {
        if (instruction.OpCode.OperandType != OperandType.ShortInlineBrTarget) return;
        int displacement = targetOffset - (instruction.Offset + instruction.Size);
        if (displacement is < sbyte.MinValue or > sbyte.MaxValue)
            Fail(i, $"{instruction.OpCode.Name} cannot reach {Offset(targetOffset)} ({displacement} bytes away)");
    }

    private Dictionary<int, List<int>> MarksByPosition()
    {
        var byPosition = new Dictionary<int, List<int>>();
        for (int label = 0; label < labelMarks.Count; label++)
        {
            foreach (int position in labelMarks[label])
            {
                if (!byPosition.TryGetValue(position, out var here)) byPosition[position] = here = [];
                here.Add(label);
            }
        }

        return byPosition;
    }

    private static bool IsLocalOpcode(OpCode opcode) =>
        opcode == OpCodes.Ldloc || opcode == OpCodes.Ldloc_S || opcode == OpCodes.Stloc || opcode == OpCodes.Stloc_S
        || opcode == OpCodes.Ldloca || opcode == OpCodes.Ldloca_S;

    // The argument an ldarg/ldarga/starg refers to, in either its macro or its operand form.
    private static int? ArgumentIndex(in RecordedInstruction instruction)
    {
        var opcode = instruction.OpCode;
        if (opcode == OpCodes.Ldarg_0) return 0;
        if (opcode == OpCodes.Ldarg_1) return 1;
        if (opcode == OpCodes.Ldarg_2) return 2;
        if (opcode == OpCodes.Ldarg_3) return 3;
        return instruction.Kind == OperandKind.Int32 && instruction.Requested.OperandType == OperandType.InlineVar
            ? (int)instruction.Operand!
            : null;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void Fail(int i, string problem)
    {
        string where = i < instructions.Count
            ? $"#{i.ToString(CultureInfo.InvariantCulture)} {Offset(instructions[i].Offset)} {instructions[i].OpCode.Name}"
            : $"#{i.ToString(CultureInfo.InvariantCulture)} {Offset(size)} (end of method)";
        throw new InvalidOperationException($"IL check failed in {Name} at {where}: {problem}\n{Listing(i + 1, here: i)}");
    }
}
