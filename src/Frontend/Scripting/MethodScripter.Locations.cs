using ICSharpCode.Decompiler.IL;
using TorchJit.Ir;

namespace TorchJit.Frontend;

/// <summary>Source locations through the PDB, and errors that name them.</summary>
internal sealed partial class MethodScripter
{
    private SourceLocation? Locate(ILInstruction inst)
    {
        // The smallest IL offset in the instruction's tree: a return's own offset points at the shared
        // return block in Debug builds, its value's at the statement.
        int offset = int.MaxValue;
        foreach (var d in inst.Descendants)
        {
            // Offsets inside a lambda or local function belong to that function's own method.
            if (d.Ancestors.OfType<ILFunction>().FirstOrDefault() is { } owner && owner != function) continue;
            foreach (var r in d.ILRanges)
                if (!r.IsEmpty) offset = Math.Min(offset, r.Start);
        }

        if (offset == int.MaxValue || points.Count == 0) return null;
        ICSharpCode.Decompiler.DebugInfo.SequencePoint? best = null;
        foreach (var p in points)
        {
            if (p.Offset > offset) break;
            best = p;
        }

        return best is { } b ? new SourceLocation(b.DocumentUrl, b.StartLine, b.StartColumn) : null;
    }

    private ScriptException Error(ILInstruction at, string reason) => new(methodName, Locate(at), reason);

    // An async method's code (and sequence points) live in its state machine's MoveNext: point at its first line.
    private SourceLocation? StateMachineStart()
    {
        var machine = method.GetCustomAttributes(false).OfType<System.Runtime.CompilerServices.StateMachineAttribute>().FirstOrDefault()?.StateMachineType;
        var moveNext = machine?.GetMethod("MoveNext", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public);
        return moveNext is not null && assembly.SequencePoints(moveNext) is [var first, ..] ? new SourceLocation(first.DocumentUrl, first.StartLine, first.StartColumn) : null;
    }
}
