using TorchJit.Ir;

namespace TorchJit.Passes;

/// <summary>Resolves which module object a value stands for, following <c>prim::GetAttr</c> chains from <c>%self</c>.</summary>
internal static class ModuleObjects
{
    public static IValue? Resolve(Value v, Graph graph, ScriptObject self)
    {
        if (v == graph.Inputs[0]) return IValue.Object(self);
        if (v.Node.Kind != NodeKinds.GetAttr) return null;
        var owner = Resolve(v.Node.Inputs[0], graph, self);
        if (owner is not { Kind: IValueKind.Object } o) return null;
        return o.ToObject().GetAttr(v.Node.StringAttribute("name"));
    }
}
