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
            foreach (var r in d.ILRanges)
                if (!r.IsEmpty) offset = Math.Min(offset, r.Start);
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
}
