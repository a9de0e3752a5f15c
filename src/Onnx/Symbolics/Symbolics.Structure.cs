using TorchJit.Ir;

namespace TorchJit.Onnx;

/// <summary>Lists, identities and placeholders: nodes that move values rather than compute them.</summary>
internal static partial class Symbolics
{
    private static void AddStructure(Dictionary<string, Symbolic> t)
    {
        // An int list built at run time (reshape sizes holding the batch): a 1-D int64 tensor from its parts.
        // A Tensor[] list is read by cat/stack through its inputs and needs no node of its own.
        t[NodeKinds.ListConstruct] = c =>
        {
            var n = c.Node;
            if (n.Output.Type is ListType { Element: TensorType }) return;
            if (n.Output.Type is not ListType { Element: IntType }) throw c.Fail($"a list of {n.Output.Type} has no ONNX form");
            string axes = Constants.Ints(c.Scope, 0);
            var parts = new List<string>();
            var run = new List<long>();
            for (int i = 0; i < n.Inputs.Count; i++)
            {
                if (c.IsConstant(i))
                {
                    run.Add(c.Int(i));
                    continue;
                }

                if (run.Count > 0) parts.Add(Constants.Ints(c.Scope, [.. run]));
                run.Clear();
                parts.Add(c.Emit("Unsqueeze", [c.In(i, ElemType.Int64).Name, axes]));
            }

            if (run.Count > 0 || parts.Count == 0) parts.Add(Constants.Ints(c.Scope, [.. run]));
            c.Bind(parts.Count == 1 ? parts[0] : c.Emit("Concat", parts, Attr.Int("axis", 0)), ElemType.Int64, 1);
        };

        // Same values: the ONNX value is shared, no node needed.
        t["aten::contiguous"] = Pass;
        t["aten::clone"] = Pass;
        t["aten::_unwrap_optional"] = Pass;
        t["aten::dropout"] = c =>
        {
            if (c.Bool(2)) throw c.Fail("dropout in training mode is random; export the module in eval mode");
            Pass(c);
        };

        // A value no path reads (an exit of a loop or branch that returns early): any value of its type will do.
        t[NodeKinds.Uninitialized] = c =>
        {
            var type = c.Node.Output.Type switch
            {
                IntType => ElemType.Int64,
                FloatType => ElemType.Double,
                BoolType => ElemType.Bool,
                TensorType tt => ExportGraph.DTypeOf(tt) ?? ElemType.Float,
                var other => throw c.Fail($"a placeholder of type {other} has no ONNX form"),
            };
            c.Bind(0, Constants.Scalar(c.Scope, 0, type) with { IsPlaceholder = true, IsNumber = c.Node.Output.Type is not TensorType });
        };
    }

    private static void Pass(NodeContext c) => c.Bind(0, c.In(0));
}
