using ICSharpCode.Decompiler.IL;
using TorchJit.Ir;

namespace TorchJit.Frontend;

/// <summary>
/// <c>throw new SomeException("message")</c> as <c>prim::RaiseException(%message)</c>, which ends the path
/// (an outcome with no exits). The message is the exception's type and its literal message; a computed
/// message (an interpolated string) is not evaluated in the graph: the source line stands in for it.
/// </summary>
internal sealed partial class MethodScripter
{
    private void Raise(Throw thrown)
    {
        string type = thrown.Argument is NewObj created ? created.Method.DeclaringType.Name : "Exception";
        string message = thrown.Argument is NewObj { Arguments: [LdStr literal, ..] }
            ? literal.Value
            : $"raised at {Locate(thrown)?.ToString() ?? methodName}";
        var node = graph.Create(NodeKinds.RaiseException).AddInput(graph.InsertConstant($"{type}: {message}"));
        node.Source = Locate(thrown);
        graph.Insert(node);
    }
}
