using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using ICSharpCode.Decompiler.DebugInfo;
using DecompilerSequencePoint = ICSharpCode.Decompiler.DebugInfo.SequencePoint;

namespace TorchJit.Frontend;

/// <summary>
/// Reads a portable PDB (beside the assembly, or embedded in it) for ICSharpCode.Decompiler: sequence
/// points (IL offset to file:line:col) and local variable names. The package ships no such provider.
/// </summary>
internal sealed class PortablePdb : IDebugInfoProvider, IDisposable
{
    private readonly MetadataReaderProvider provider;
    private readonly MetadataReader reader;

    private PortablePdb(MetadataReaderProvider provider, string file)
    {
        this.provider = provider;
        reader = provider.GetMetadataReader();
        SourceFileName = file;
    }

    public string Description => "portable PDB " + SourceFileName;

    public string SourceFileName { get; }

    /// <summary>The PDB of <paramref name="assemblyPath"/>, or null when there is none.</summary>
    public static PortablePdb? TryOpen(string assemblyPath)
    {
        string pdbPath = Path.ChangeExtension(assemblyPath, ".pdb");
        if (File.Exists(pdbPath))
        {
            var stream = File.OpenRead(pdbPath);
            return new PortablePdb(MetadataReaderProvider.FromPortablePdbStream(stream, MetadataStreamOptions.PrefetchMetadata), pdbPath);
        }

        using var pe = new PEReader(File.OpenRead(assemblyPath));
        foreach (var entry in pe.ReadDebugDirectory())
        {
            if (entry.Type == DebugDirectoryEntryType.EmbeddedPortablePdb)
                return new PortablePdb(pe.ReadEmbeddedPortablePdbDebugDirectoryData(entry), assemblyPath);
        }

        return null;
    }

    public IList<DecompilerSequencePoint> GetSequencePoints(MethodDefinitionHandle method)
    {
        var result = new List<DecompilerSequencePoint>();
        var info = reader.GetMethodDebugInformation(method.ToDebugInformationHandle());
        foreach (var sp in info.GetSequencePoints())
        {
            string url = sp.Document.IsNil ? "" : reader.GetString(reader.GetDocument(sp.Document).Name);
            result.Add(new DecompilerSequencePoint
            {
                Offset = sp.Offset,
                StartLine = sp.StartLine,
                StartColumn = sp.StartColumn,
                EndLine = sp.EndLine,
                EndColumn = sp.EndColumn,
                DocumentUrl = url,
            });
        }

        return result;
    }

    public IList<Variable> GetVariables(MethodDefinitionHandle method)
    {
        var result = new List<Variable>();
        foreach (var scopeHandle in reader.GetLocalScopes(method))
        {
            foreach (var v in reader.GetLocalScope(scopeHandle).GetLocalVariables())
            {
                var local = reader.GetLocalVariable(v);
                result.Add(new Variable(local.Index, reader.GetString(local.Name)));
            }
        }

        return result;
    }

    public bool TryGetName(MethodDefinitionHandle method, int index, out string name)
    {
        foreach (var v in GetVariables(method))
        {
            if (v.Index == index)
            {
                name = v.Name;
                return true;
            }
        }

        name = null!;
        return false;
    }

    public bool TryGetExtraTypeInfo(MethodDefinitionHandle method, int index, out PdbExtraTypeInfo extraTypeInfo)
    {
        extraTypeInfo = default;
        return false;
    }

    public void Dispose() => provider.Dispose();
}
