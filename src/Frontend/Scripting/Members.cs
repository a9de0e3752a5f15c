using System.Reflection;
using System.Reflection.Metadata.Ecma335;
using ICSharpCode.Decompiler.TypeSystem;

namespace TorchJit.Frontend;

/// <summary>Maps the decompiler's members back to the loaded assemblies' (by assembly name and metadata token).</summary>
internal static class Members
{
    public static MethodBase? ResolveMethod(IMethod method)
    {
        var module = RuntimeModule(method.ParentModule);
        if (module is null || method.MetadataToken.IsNil) return null;
        try
        {
            return module.ResolveMethod(MetadataTokens.GetToken(method.MetadataToken));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    public static FieldInfo? ResolveField(IField field)
    {
        var module = RuntimeModule(field.ParentModule);
        if (module is null || field.MetadataToken.IsNil) return null;
        try
        {
            return module.ResolveField(MetadataTokens.GetToken(field.MetadataToken));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static Module? RuntimeModule(IModule? module)
    {
        if (module is null) return null;
        foreach (var a in AppDomain.CurrentDomain.GetAssemblies())
            if (a.GetName().Name == module.AssemblyName) return a.ManifestModule;
        return null;
    }
}
