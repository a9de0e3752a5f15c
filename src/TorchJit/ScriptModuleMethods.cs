using TorchJit.Ir;

namespace TorchJit;

/// <summary>
/// Methods other than <c>forward</c> of a <see cref="ScriptModule"/> (from <see cref="Jit.TraceModule"/>):
/// run one by name, print its graph or code, as <c>module.other(x)</c>, <c>module.other.graph</c> and
/// <c>module.other.code</c> do in PyTorch.
/// </summary>
public static class ScriptModuleMethods
{
    /// <summary>The names of the module's methods.</summary>
    public static IReadOnlyCollection<string> MethodNames(this ScriptModule module)
    {
        ArgumentNullException.ThrowIfNull(module);
        return module.Object.Methods.Keys.ToArray();
    }

    /// <summary>Runs method <paramref name="name"/> on <paramref name="inputs"/> in the interpreter; a tuple result is an <see cref="IValue"/> tuple.</summary>
    public static IValue RunMethod(this ScriptModule module, string name, params Tensor[] inputs)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(inputs);
        var graph = module.Object.GetMethod(name).Graph;
        if (inputs.Length != graph.Inputs.Count - 1)
            throw new ArgumentException($"{name} takes {graph.Inputs.Count - 1} inputs, got {inputs.Length}", nameof(inputs));
        return Interpreter.Run(graph, [IValue.Object(module.Object), .. inputs.Select(IValue.From)])[0];
    }

    /// <summary>The graph of method <paramref name="name"/> as TorchScript prints it.</summary>
    public static string MethodGraph(this ScriptModule module, string name)
    {
        ArgumentNullException.ThrowIfNull(module);
        return module.Object.GetMethod(name).Graph.ToString();
    }

    /// <summary>The code of method <paramref name="name"/> as TorchScript prints it.</summary>
    public static string MethodCode(this ScriptModule module, string name)
    {
        ArgumentNullException.ThrowIfNull(module);
        return CodePrinter.Print(name, module.Object.GetMethod(name).Graph, []);
    }
}
