using TorchJit.Codegen;
using TorchJit.Frontend;
using TorchJit.Ir;
using TorchJit.Kernels;
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
    /// <see cref="ScriptModule.Warnings"/>. With <paramref name="checkInputs"/>, the module is traced again on
    /// each and compared, as PyTorch's <c>check_inputs</c> does: outputs that differ from eager beyond
    /// <paramref name="checkTolerance"/> raise a warning, a different graph a <see cref="TracingCheckException"/>.
    /// </summary>
    public static ScriptModule Trace(
        torch.nn.Module<Tensor, Tensor> module,
        Tensor example,
        Action<TracerWarning>? onWarning = null,
        IEnumerable<Tensor>? checkInputs = null,
        double checkTolerance = 1e-5)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(example);
        var checks = checkInputs?.Select(c => new Dictionary<string, Tensor[]> { ["forward"] = [c] }).ToArray();
        return TraceModule(module, new Dictionary<string, Tensor[]> { ["forward"] = [example] }, onWarning, checks, checkTolerance);
    }

    /// <summary>
    /// Traces several methods of <paramref name="module"/> into one module (<c>torch.jit.trace_module</c>):
    /// each key of <paramref name="inputs"/> names a public method whose parameters are all tensors, and its
    /// value is the example inputs. The methods share one module object, so they read the same parameters.
    /// Each of <paramref name="checkInputs"/> gives input sets for some of the methods, checked as
    /// <see cref="Trace"/> checks.
    /// </summary>
    /// <exception cref="TracingCheckException">A method traced on check inputs records a different graph.</exception>
    public static ScriptModule TraceModule(
        torch.nn.Module module,
        IReadOnlyDictionary<string, Tensor[]> inputs,
        Action<TracerWarning>? onWarning = null,
        IEnumerable<IReadOnlyDictionary<string, Tensor[]>>? checkInputs = null,
        double checkTolerance = 1e-5)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count == 0) throw new ArgumentException("trace_module: no methods to trace", nameof(inputs));
        var obj = new ModuleExporter().Export(module);
        var warnings = new List<TracerWarning>();
        var traces = new Dictionary<string, TraceResult>(StringComparer.Ordinal);
        foreach (var (name, example) in inputs)
        {
            var trace = Tracer.TraceMethod(module, obj, name, example, onWarning);
            // As torch.jit.trace: ops whose results were only used for control flow leave no trace.
            new EliminateDeadCode().Run(trace.Graph, new PassContext());
            obj.AddMethod(new Method(name, trace.Graph));
            warnings.AddRange(trace.Warnings);
            traces[name] = trace;
        }

        foreach (var check in checkInputs ?? [])
        {
            foreach (var (name, checkInput) in check)
            {
                if (!traces.TryGetValue(name, out var trace))
                    throw new ArgumentException($"trace_module: check inputs name '{name}', which was not traced", nameof(checkInputs));
                warnings.AddRange(TraceChecker.Check(module, name, trace, [checkInput], checkTolerance, onWarning));
            }
        }

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
    /// <param name="module">The eager module.</param>
    /// <param name="level">The pass pipeline.</param>
    /// <param name="log">Receives the passes' log lines.</param>
    /// <param name="width">The vector width of fused loops (<see cref="VectorWidth.Best"/>: the widest the hardware runs; others for tests).</param>
    public static CompiledModule Compile(torch.nn.Module<Tensor, Tensor> module, OptLevel level = OptLevel.O2, Action<string>? log = null, VectorWidth width = VectorWidth.Best) =>
        Compile(Script(module), level, log, width);

    /// <summary>Optimizes at <paramref name="level"/> and compiles a traced or scripted module to IL (plans are built per input signature on first use).</summary>
    /// <param name="module">The traced or scripted module.</param>
    /// <param name="level">The pass pipeline.</param>
    /// <param name="log">Receives the passes' log lines.</param>
    /// <param name="width">The vector width of fused loops (<see cref="VectorWidth.Best"/>: the widest the hardware runs; others for tests).</param>
    public static CompiledModule Compile(ScriptModule module, OptLevel level = OptLevel.O2, Action<string>? log = null, VectorWidth width = VectorWidth.Best)
    {
        ArgumentNullException.ThrowIfNull(module);
        var graph = GraphCopy.Clone(module.ForwardGraph);
        var context = new PassContext { Self = module.Object, Log = log };
        // Codegen calls kernels on tensors, not attribute reads on objects: lower to a flat, frozen graph at every level.
        new PassManager([new Inline(), new Freeze(), new LowerTuples(), new EliminateDeadCode()]).Run(graph, context);
        PassManager.ForLevel(level).Run(graph, context);
        // Codegen's checks (one tensor in and out, supported node kinds) run now, not at the first call.
        GraphCompiler.Compile(graph);
        return new CompiledModule(graph, module.TorchScriptClassName, VectorWidths.Resolve(width));
    }
}
