using System.Collections.Concurrent;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using ICSharpCode.Decompiler;
using ICSharpCode.Decompiler.CSharp;
using ICSharpCode.Decompiler.IL;
using ICSharpCode.Decompiler.Metadata;
using ICSharpCode.Decompiler.TypeSystem;

namespace TorchJit.Frontend;

/// <summary>
/// One user assembly opened for ICSharpCode.Decompiler: its type system and PDB, built once per assembly
/// (the first costs ~0.5 s of JIT; later methods take milliseconds), and structured ILAst per method.
/// </summary>
internal sealed class DecompiledAssembly
{
    private static readonly ConcurrentDictionary<Assembly, Lazy<DecompiledAssembly>> Cache = new();

    private readonly PEFile file;
    private readonly DecompilerTypeSystem typeSystem;
    private readonly DecompilerSettings settings;
    private readonly Lock gate = new();

    private DecompiledAssembly(string path)
    {
        file = new PEFile(path, PEStreamOptions.PrefetchEntireImage);
        var resolver = new UniversalAssemblyResolver(path, false, file.DetectTargetFrameworkId(), null, PEStreamOptions.PrefetchMetadata, MetadataReaderOptions.None);
        // Graph-friendly ILAst: plain stores instead of assignment expressions, compound assignments and ++/--.
        settings = new DecompilerSettings { MakeAssignmentExpressions = false, IntroduceIncrementAndDecrement = false };
        typeSystem = new DecompilerTypeSystem(file, resolver, settings);
        Pdb = PortablePdb.TryOpen(path);
    }

    /// <summary>The PDB, if the assembly has one.</summary>
    public PortablePdb? Pdb { get; }

    /// <summary>The opened assembly of <paramref name="assembly"/>; throws naming it when it has no file on disk.</summary>
    public static DecompiledAssembly For(Assembly assembly) => Cache.GetOrAdd(assembly, a => new Lazy<DecompiledAssembly>(() =>
    {
        if (string.IsNullOrEmpty(a.Location))
            throw new NotSupportedException($"scripting reads IL from the assembly file, but '{a.GetName().Name}' has none (single-file or dynamic assembly)");
        return new DecompiledAssembly(a.Location);
    })).Value;

    /// <summary>The structured ILAst of <paramref name="method"/> (after ILSpy's transforms).</summary>
    public ILFunction Read(MethodBase method)
    {
        var handle = (MethodDefinitionHandle)MetadataTokens.EntityHandle(method.MetadataToken);
        // The decompiler's type system is not documented as thread-safe; scripting is rare, so serialize it.
        lock (gate)
        {
            var definition = typeSystem.MainModule.GetDefinition(handle);
            var body = file.GetMethodBody(file.Metadata.GetMethodDefinition(handle).RelativeVirtualAddress);
            var reader = new ILReader(typeSystem.MainModule) { UseDebugSymbols = Pdb is not null, DebugInfo = Pdb };
            var context = new GenericContext(definition.DeclaringTypeDefinition?.TypeParameters, definition.TypeParameters);
            var function = reader.ReadIL(handle, body, context, ILFunctionKind.TopLevelFunction, CancellationToken.None);
            var decompiler = new CSharpDecompiler(typeSystem, settings) { DebugInfoProvider = Pdb };
            function.RunTransforms(CSharpDecompiler.GetILTransforms(), decompiler.CreateILTransformContext(function));
            return function;
        }
    }

    /// <summary>The sequence points of <paramref name="method"/>, ordered by IL offset (hidden ones dropped).</summary>
    public IReadOnlyList<ICSharpCode.Decompiler.DebugInfo.SequencePoint> SequencePoints(MethodBase method)
    {
        if (Pdb is null) return [];
        var handle = (MethodDefinitionHandle)MetadataTokens.EntityHandle(method.MetadataToken);
        return Pdb.GetSequencePoints(handle).Where(s => !s.IsHidden).OrderBy(s => s.Offset).ToArray();
    }
}
