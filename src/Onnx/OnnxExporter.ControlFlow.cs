using TorchJit.Ir;
using TorchJit.Onnx.Proto;

namespace TorchJit.Onnx;

/// <summary>
/// <c>prim::If</c> and <c>prim::Loop</c> as ONNX If and Loop. Their blocks become sub-graphs that read outer
/// values by name (ONNX's lexical scoping); block outputs pass through an Identity or Cast so every sub-graph
/// output is produced inside it, with one element type both branches (or every iteration) agree on.
/// </summary>
internal sealed partial class OnnxExporter
{
    // prim::If(cond) block0() -> (a...) block1() -> (b...)   →   If(cond) then_branch: () -> (a...), else_branch: () -> (b...)
    private void ExportIf(OnnxScope scope, Node n)
    {
        var cond = scope.Cast(Get(scope, n.Inputs[0]), ElemType.Bool);
        var then = SubScope(scope, "then");
        var otherwise = SubScope(scope, "else");
        ExportBlock(then, n.Blocks[0]);
        ExportBlock(otherwise, n.Blocks[1]);
        var a = n.Blocks[0].Outputs.Select(v => Get(then, v)).ToArray();
        var b = n.Blocks[1].Outputs.Select(v => Get(otherwise, v)).ToArray();

        var results = new Exported[n.Outputs.Count];
        for (int i = 0; i < results.Length; i++)
        {
            var type = Promotion.Result(a[i], b[i]);
            int? rank = a[i].IsPlaceholder ? b[i].Rank : b[i].IsPlaceholder || a[i].Rank == b[i].Rank ? a[i].Rank : null;
            AddOutput(then, a[i], type, rank);
            AddOutput(otherwise, b[i], type, rank);
            results[i] = new Exported(State.FreshName("onnx::If"), type, rank, a[i].IsNumber && b[i].IsNumber);
        }

        var node = new NodeProto { OpType = "If", Name = State.FreshName("If"), Input = { cond.Name } };
        node.Output.AddRange(results.Select(r => r.Name));
        node.Attribute.Add(Attr.Graph("then_branch", then.Graph));
        node.Attribute.Add(Attr.Graph("else_branch", otherwise.Graph));
        scope.Graph.Node.Add(node);
        for (int i = 0; i < results.Length; i++) Bind(n.Outputs[i], results[i]);
    }

    // prim::Loop(max_trips, cond, carried...) block0(i, carried...) -> (cond', carried'...)
    //   →   Loop(M, cond, carried...) body: (i, cond_in, carried...) -> (cond', carried'...)
    // The same contract: run while i < M and cond; TorchScript's body simply has no cond_in (it is unused).
    private void ExportLoop(OnnxScope scope, Node n)
    {
        var body = n.Blocks[0];
        var trips = scope.Cast(Get(scope, n.Inputs[0]), ElemType.Int64);
        var cond = scope.Cast(Get(scope, n.Inputs[1]), ElemType.Bool);
        var initial = n.Inputs.Skip(2).Select(v => Get(scope, v)).ToArray();

        var sub = SubScope(scope, "loop_body");
        string iteration = State.FreshName("iteration");
        sub.Graph.Input.Add(ValueInfo(iteration, ElemType.Int64, []));
        sub.Graph.Input.Add(ValueInfo(State.FreshName("cond_in"), ElemType.Bool, []));
        Bind(body.Inputs[0], new Exported(iteration, ElemType.Int64, 0, IsNumber: true));
        for (int i = 0; i < initial.Length; i++)
        {
            var carried = initial[i] with { Name = State.FreshName("carried") };
            sub.Graph.Input.Add(ValueInfo(carried.Name, carried.Type, carried.Rank is { } r ? new object?[r] : null));
            values[body.Inputs[i + 1]] = carried;
        }

        ExportBlock(sub, body);
        AddOutput(sub, Get(sub, body.Outputs[0]), ElemType.Bool, 0);
        var results = new Exported[initial.Length];
        for (int i = 0; i < initial.Length; i++)
        {
            var next = Get(sub, body.Outputs[i + 1]);
            // A carried value keeps its type across iterations; its rank only if every iteration keeps it.
            int? rank = next.Rank == initial[i].Rank ? initial[i].Rank : null;
            AddOutput(sub, next, initial[i].Type, rank);
            results[i] = new Exported(State.FreshName("onnx::Loop"), initial[i].Type, rank, initial[i].IsNumber);
        }

        var node = new NodeProto { OpType = "Loop", Name = State.FreshName("Loop"), Input = { trips.Name, cond.Name } };
        node.Input.AddRange(initial.Select(e => e.Name));
        node.Output.AddRange(results.Select(r => r.Name));
        node.Attribute.Add(Attr.Graph("body", sub.Graph));
        scope.Graph.Node.Add(node);
        for (int i = 0; i < results.Length; i++) Bind(n.Outputs[i], results[i]);
    }

    private OnnxScope SubScope(OnnxScope parent, string name) => new(State, new GraphProto { Name = State.FreshName(parent.Graph.Name + "_" + name) });

    // A sub-graph output must be produced inside the sub-graph: an Identity (or a Cast to the agreed type) makes it so.
    private static void AddOutput(OnnxScope scope, Exported value, ElemType type, int? rank)
    {
        string name = value.Type == type
            ? scope.Emit1("Identity", [value.Name])
            : scope.Emit1("Cast", [value.Name], Attr.Int("to", (long)type));
        scope.Graph.Output.Add(ValueInfo(name, type, rank is { } r ? new object?[r] : null));
    }
}
