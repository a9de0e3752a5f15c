using System.Diagnostics;
using TorchJit.Ir;

namespace TorchJit.Frontend;

/// <summary>Finds the user's source line of an eager call: the first stack frame outside TorchJit's library assemblies.</summary>
internal static class CallSite
{
    private static readonly HashSet<string> LibraryAssemblies =
    [
        "TorchJit", "TorchJit.Kernels", "TorchJit.Ir", "TorchJit.Nn", "TorchJit.Frontend", "TorchJit.Passes", "TorchJit.Codegen",
    ];

    public static SourceLocation? Find()
    {
        foreach (var f in new StackTrace(2, fNeedFileInfo: true).GetFrames())
        {
            var asm = f.GetMethod()?.DeclaringType?.Assembly.GetName().Name;
            if (asm is null || LibraryAssemblies.Contains(asm) || asm.StartsWith("System.", StringComparison.Ordinal)) continue;
            return f.GetFileName() is { } file ? new SourceLocation(file, f.GetFileLineNumber(), f.GetFileColumnNumber()) : null;
        }

        return null;
    }
}
