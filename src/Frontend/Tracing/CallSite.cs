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

    /// <summary>
    /// True when the code that turned a tensor into a C# value is TorchJit's own (an op implementation
    /// reading its operands, a library module's shape check), not the user's: the first frame past the
    /// tracer, the dispatcher and the <see cref="Tensor"/> conversion itself. As PyTorch filters tracer
    /// warnings raised inside <c>torch</c> (<c>TracerWarning.ignore_lib_warnings</c>), those are not reported.
    /// </summary>
    public static bool ConversionIsInLibrary()
    {
        foreach (var f in new StackTrace(1, fNeedFileInfo: false).GetFrames())
        {
            var type = f.GetMethod()?.DeclaringType;
            if (type is null || type == typeof(Tracer) || type == typeof(Dispatch) || type == typeof(Tensor) || type.DeclaringType == typeof(Tensor)) continue;
            var asm = type.Assembly.GetName().Name;
            if (asm is null || asm.StartsWith("System.", StringComparison.Ordinal)) continue;
            return LibraryAssemblies.Contains(asm);
        }

        return false;
    }
}
