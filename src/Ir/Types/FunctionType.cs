namespace TorchJit.Ir;

/// <summary>
/// The type of a scripted free function (a static C# helper), as TorchScript's <c>FunctionType</c>: the
/// output of <c>%f : Function = prim::Constant[name="helper"]()</c>, which <c>prim::CallFunction(%f, ...)</c>
/// calls. It carries the function's graph, so the interpreter can run the call and inlining can copy it.
/// A graph parsed from text has the type but not the body (the text does not hold it, as with
/// <c>torch._C.parse_ir</c>): it prints and round-trips, and running or inlining the call says so.
/// </summary>
public sealed class FunctionType(string name, Graph? graph) : JitType
{
    /// <summary>A function type read from IR text: the name is on the constant node, the body unknown.</summary>
    public static FunctionType Unresolved { get; } = new("<parsed>", null);

    /// <summary>The function's name (the constant's <c>name</c> attribute).</summary>
    public string Name { get; } = name;

    /// <summary>The function's body (no <c>%self</c>).</summary>
    /// <exception cref="InvalidOperationException">The type was parsed from text, which does not hold the body.</exception>
    public Graph Graph => graph ?? throw new InvalidOperationException(
        "a function called by a graph parsed from text has no body: the IR text names the function but does not contain it");

    /// <inheritdoc/>
    public override string ToString() => "Function";
}
