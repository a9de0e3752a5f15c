using TorchJit.Ir;

namespace TorchJit.Passes;

/// <summary>A graph transformation. Reports whether it changed anything.</summary>
public interface IGraphPass
{
    /// <summary>The kebab-case name used in logs, knobs and the CLI (<c>eliminate-dead-code</c>).</summary>
    string Name { get; }

    /// <summary>Runs on <paramref name="graph"/>; true if the graph changed.</summary>
    bool Run(Graph graph, PassContext context);
}
