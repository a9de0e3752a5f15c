namespace TorchJit.Ir;

/// <summary>
/// The type of a scripted free function (a static C# helper), as TorchScript's <c>FunctionType</c>: the
/// output of <c>%f : Function = prim::Constant[name="helper"]()</c>, which <c>prim::CallFunction(%f, ...)</c>
/// calls. It carries the function's graph, so the interpreter can run the call and inlining can copy it.
/// </summary>
public sealed class FunctionType(string name, Graph graph) : JitType
{
    /// <summary>The function's name (the constant's <c>name</c> attribute).</summary>
    public string Name { get; } = name;

    /// <summary>The function's body (no <c>%self</c>).</summary>
    public Graph Graph { get; } = graph;

    /// <inheritdoc/>
    public override string ToString() => "Function";
}
