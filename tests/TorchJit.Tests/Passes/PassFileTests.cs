using TorchJit.Ir;
using TorchJit.Passes;

namespace TorchJit.Tests.Passes;

/// <summary>
/// Every <c>jir/*.jir</c> file: a graph, a <c># RUN: pass,pass</c> line, and CHECK lines. The graph is
/// parsed, round-trips through the printer unchanged, the passes run (the graph linted after each), and the printed result is checked.
/// </summary>
public sealed class PassFileTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Passes", "jir");

    public static TheoryData<string> Files => [.. Directory.GetFiles(Folder, "*.jir").Select(f => Path.GetFileName(f)).Order()];

    [Theory]
    [MemberData(nameof(Files))]
    public void Run(string file)
    {
        string text = File.ReadAllText(Path.Combine(Folder, file));
        var run = text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("# RUN:", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"{file}: no '# RUN:' line");
        var graph = IrParser.Parse(text);

        string printed = graph.ToString();
        Assert.Equal(printed, IrParser.Parse(printed).ToString());

        // Linted after every pass, so a pass that breaks scoping or use lists fails here, naming itself.
        PassRegistry.Pipeline(run["# RUN:".Length..]).Run(graph, new PassContext(PassOptions.Default with { Verify = true }));
        FileCheck.Run(text, graph.ToString());
    }
}
