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
    public string Code => CodePrinter.Print("forward", ForwardGraph, []);

    /// <summary>The code and the tensors it names as <c>CONSTANTS.cN</c> (<c>module.code_with_constants</c>).</summary>
    public (string Code, IReadOnlyList<Tensor> Constants) CodeWithConstants
    {
        get
        {
            var constants = new List<Tensor>();
            return (CodePrinter.Print("forward", ForwardGraph, constants), constants);
        }
    }

    /// <inheritdoc/>
    public override string TorchScriptClassName => Object.Type.QualifiedName;

    /// <inheritdoc/>
    public override Tensor forward(Tensor input) =>
        Interpreter.Run(ForwardGraph, IValue.Object(Object), IValue.From(input))[0].ToTensor();
}
