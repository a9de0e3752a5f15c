using TorchJit.Ir;
using TorchJit.Passes;

namespace TorchJit;

/// <summary>
/// A traced or scripted module: TorchScript's <c>ScriptModule</c>. Called like any module, it runs its
/// graph in the reference interpreter. <see cref="Graph"/>, <see cref="InlinedGraph"/>, <see cref="Code"/>
/// and <see cref="CodeWithConstants"/> print as TorchScript does.
/// </summary>
public sealed class ScriptModule : torch.nn.Module<Tensor, Tensor>
{
    internal ScriptModule(ScriptObject obj, IReadOnlyList<TracerWarning> warnings, bool isTrace)
        : base(obj.Type.QualifiedName)
    {
        Object = obj;
        Warnings = warnings;
        IsTrace = isTrace;
    }

    /// <summary>The module object: slots and methods.</summary>
    public ScriptObject Object { get; }

    /// <summary>The warnings tracing raised (empty for scripted modules).</summary>
    public IReadOnlyList<TracerWarning> Warnings { get; }

    /// <summary>True for a traced module (control flow baked in), false for a scripted one.</summary>
    public bool IsTrace { get; }

    /// <summary>The graph of <c>forward</c>.</summary>
    public Graph ForwardGraph => Object.GetMethod("forward").Graph;

    /// <summary>The graph of <c>forward</c> as TorchScript prints <c>module.graph</c>.</summary>
    public string Graph => ForwardGraph.ToString();

    /// <summary>The graph with every sub-module call inlined (<c>module.inlined_graph</c>).</summary>
    public string InlinedGraph
    {
        get
        {
            var copy = GraphCopy.Clone(ForwardGraph);
            new Inline().Run(copy, new PassContext { Self = Object });
            return copy.ToString();
        }
    }

    /// <summary>The code of <c>forward</c> as TorchScript prints <c>module.code</c>.</summary>
    public string Code => CodePrinter.Print("forward", Printable(ForwardGraph), []);

    /// <summary>The code and the tensors it names as <c>CONSTANTS.cN</c> (<c>module.code_with_constants</c>).</summary>
    public (string Code, IReadOnlyList<Tensor> Constants) CodeWithConstants
    {
        get
        {
            var constants = new List<Tensor>();
            return (CodePrinter.Print("forward", Printable(ForwardGraph), constants), constants);
        }
    }

    /// <inheritdoc/>
    public override string TorchScriptClassName => Object.Type.QualifiedName;

    /// <summary>
    /// The names of the scripted methods: <c>forward</c>, the <see cref="ExportAttribute"/> methods and
    /// the helpers they call (overloads after the first are named <c>name__N</c>).
    /// </summary>
    public IReadOnlyList<string> MethodNames => [.. Object.Methods.Keys];

    /// <summary>The graph of method <paramref name="name"/>, as TorchScript prints <c>module.name.graph</c>.</summary>
    /// <exception cref="KeyNotFoundException">The module has no such method.</exception>
    public string GraphOf(string name) => Object.GetMethod(name).Graph.ToString();

    /// <summary>The code of method <paramref name="name"/>, as TorchScript prints <c>module.name.code</c>.</summary>
    /// <exception cref="KeyNotFoundException">The module has no such method.</exception>
    public string CodeOf(string name) => CodePrinter.Print(name, Printable(Object.GetMethod(name).Graph), []);

    // python_print cannot say "n times, unless": loops with a break print as while loops with a counter, as
    // PyTorch canonicalizes them. The stored graph is left as scripted.
    private static Graph Printable(Graph graph)
    {
        var copy = GraphCopy.Clone(graph);
        return new CanonicalizeModifiedLoops().Run(copy, new PassContext(PassOptions.Default)) ? copy : graph;
    }

    /// <summary>
    /// Runs method <paramref name="name"/> in the interpreter on <paramref name="args"/> (tensors, numbers,
    /// bools, strings, <c>long[]</c>, value tuples of those; null for None) and returns its result: a
    /// tensor, <c>long</c>, <c>double</c>, <c>bool</c>, <c>string</c>, or <c>object?[]</c> for a tuple.
    /// </summary>
    /// <exception cref="KeyNotFoundException">The module has no such method.</exception>
    public object? RunMethod(string name, params object?[] args) => ScriptValues.ToObject(Run(name, args), typeof(object));

    /// <summary>Runs method <paramref name="name"/> and converts its result to <typeparamref name="TResult"/> (value tuples included).</summary>
    public TResult RunMethod<TResult>(string name, params object?[] args) => (TResult)ScriptValues.ToObject(Run(name, args), typeof(TResult))!;

    private IValue Run(string name, object?[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var graph = Object.GetMethod(name).Graph;
        var inputs = new IValue[args.Length + 1];
        inputs[0] = IValue.Object(Object);
        for (int i = 0; i < args.Length; i++) inputs[i + 1] = ScriptValues.FromObject(args[i]);
        if (inputs.Length != graph.Inputs.Count)
            throw new ArgumentException($"method '{name}' takes {graph.Inputs.Count - 1} arguments, got {args.Length}");
        return Interpreter.Run(graph, inputs)[0];
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input) =>
        Interpreter.Run(ForwardGraph, IValue.Object(Object), IValue.From(input))[0].ToTensor();
}
