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

/// <summary>What passes may know beyond the graph.</summary>
public sealed class PassContext
{
    /// <summary>The module object the graph's <c>%self</c> stands for (needed to inline and freeze), if any.</summary>
    public ScriptObject? Self { get; init; }

    /// <summary>Where passes explain themselves (null: silent).</summary>
    public Action<string>? Log { get; init; }
}
