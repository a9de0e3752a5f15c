namespace TorchJit;

/// <summary>
/// Scripts this method of a module too, besides <c>forward</c> (TorchScript's <c>@torch.jit.export</c>):
/// <c>Jit.Script</c> compiles it, with whatever it calls, into a method of the scripted module, which
/// <c>ScriptModule.RunMethod</c> runs and <c>ScriptModule.GraphOf</c> prints. Applies to the module being
/// scripted and to every sub-module scripted with it.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class ExportAttribute : Attribute
{
}
