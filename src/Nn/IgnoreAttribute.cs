namespace TorchJit;

/// <summary>
/// Leaves this method out of scripting (TorchScript's <c>@torch.jit.ignore</c>): it is never compiled,
/// even with <see cref="ExportAttribute"/>, so it may use anything C# allows. Scripted code cannot call
/// it: <c>Jit.Script</c> raises a <c>ScriptException</c> naming the method and the call. (TorchScript
/// keeps such a call as an opaque Python call that a saved model cannot run; a scripted graph here must
/// run without the C# module, in the interpreter, compiled or exported, so the call is refused when
/// scripting instead of failing later.)
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class IgnoreAttribute : Attribute
{
}
