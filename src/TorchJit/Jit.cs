using TorchJit.Codegen;
using TorchJit.Frontend;
using TorchJit.Ir;
using TorchJit.Passes;

namespace TorchJit;

/// <summary>
/// The front door: <see cref="Trace"/> records one run, <see cref="Script"/> reads the compiled code and
/// keeps control flow, <c>Compile</c> optimizes and emits IL.
/// </summary>
public static class Jit
{
    /// <summary>
    /// Runs <paramref name="module"/> once on <paramref name="example"/> and records the ops
    /// (<c>torch.jit.trace</c>). Control flow is baked in: where tensor data decides it, a
    /// <see cref="TracerWarning"/> goes to <paramref name="onWarning"/> (default: standard error) and to
    /// <see cref="ScriptModule.Warnings"/>.
    /// </summary>
    public static ScriptModule Trace(torch.nn.Module<Tensor, Tensor> module, Tensor example, Action<TracerWarning>? onWarning = null)
    {
        var (graph, obj, warnings) = Tracer.Trace(module, example, onWarning);
        // As torch.jit.trace: ops whose results were only used for control flow leave no trace.
        new EliminateDeadCode().Run(graph, new PassContext());
        obj.AddMethod(new Method("forward", graph));
        return new ScriptModule(obj, warnings, isTrace: true);
    }

    /// <summary>Reads the IL of <paramref name="module"/>'s <c>forward</c> (and its sub-modules') into a graph (<c>torch.jit.script</c>).</summary>
    /// <exception cref="ScriptException">Code that cannot be scripted, with method, file:line and the statement.</exception>
    public static ScriptModule Script(torch.nn.Module<Tensor, Tensor> module)
    {
        if (module is ScriptModule s) return s;
        return new ScriptModule(Scripter.Script(module), [], isTrace: false);
    }

    /// <summary>Scripts, optimizes at <paramref name="level"/> and compiles <paramref name="module"/> to IL.</summary>
    public static CompiledModule Compile(torch.nn.Module<Tensor, Tensor> module, OptLevel level = OptLevel.O2, Action<string>? log = null) =>
        Compile(Script(module), level, log);

    /// <summary>Optimizes at <paramref name="level"/> and compiles a traced or scripted module to IL.</summary>
    public static CompiledModule Compile(ScriptModule module, OptLevel level = OptLevel.O2, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        var graph = GraphCopy.Clone(module.ForwardGraph);
        var context = new PassContext { Self = module.Object, Log = log };
        // Codegen calls kernels on tensors, not attribute reads on objects: lower to a flat, frozen graph at every level.
        new PassManager([new Inline(), new Freeze(), new EliminateDeadCode()]).Run(graph, context);
        PassManager.ForLevel(level).Run(graph, context);
        return new CompiledModule(graph, GraphCompiler.Compile(graph), module.TorchScriptClassName);
    }
}
