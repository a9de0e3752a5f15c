namespace TorchJit.Ir;

/// <summary>An error a graph raised on purpose (<c>prim::RaiseException</c>: a C# <c>throw</c> in scripted code).</summary>
public sealed class ScriptRuntimeException(string message) : InvalidOperationException(message)
{
}
