using TorchJit.Ir;
using TorchJit.Onnx.Proto;

namespace TorchJit.Onnx;

/// <summary>
/// Writes a prepared graph (<see cref="ExportGraph"/>) as an ONNX model: one walk over the blocks, each node
/// handed to its symbolic function (<see cref="Symbolics"/>), as torch.onnx maps aten ops; <c>prim::If</c> and
/// <c>prim::Loop</c> become ONNX If and Loop with sub-graphs (<see cref="OnnxExporter"/>.ControlFlow).
/// </summary>
internal sealed partial class OnnxExporter
{
    private readonly Dictionary<Value, Exported> values = [];
    private readonly IReadOnlyDictionary<Value, JitType> types;

    private OnnxExporter(ExportState state, IReadOnlyDictionary<Value, JitType> types)
    {
        State = state;
        this.types = types;
    }

    public ExportState State { get; }

    /// <summary>The model for <paramref name="graph"/>, its tensor input named <paramref name="inputName"/> with the example's shape (dim 0 symbolic when <paramref name="batchDim"/> is set).</summary>
    public static ModelProto Export(Graph graph, IReadOnlyDictionary<Value, JitType> types, Tensor example, int opset, string? batchDim, string inputName, string outputName, string name)
    {
        var main = new GraphProto { Name = name };
        var state = new ExportState(opset, main);
        var exporter = new OnnxExporter(state, types);
        var scope = new OnnxScope(state, main);
        state.Reserve(inputName);
        state.Reserve(outputName);

        var input = graph.Inputs.Single(v => v.Type is TensorType);
        var type = ElemTypes.Of(example.DType);
        exporter.values[input] = new Exported(inputName, type, example.Dim);
        var dims = example.Shape.ToArray().Select((d, i) => i == 0 && batchDim is not null ? (object?)batchDim : d).ToArray();
        main.Input.Add(ValueInfo(inputName, type, dims));

        exporter.ExportBlock(scope, graph.Block);
        if (graph.Outputs.Count != 1) throw new OnnxExportException("forward", $"the exporter writes one output, the graph returns {graph.Outputs.Count}");
        var result = exporter.Get(scope, graph.Outputs[0]);
        main.Node.Add(new NodeProto { OpType = "Identity", Name = state.FreshName("output_identity"), Input = { result.Name }, Output = { outputName } });
        main.Output.Add(ValueInfo(outputName, result.Type, result.Rank is { } r ? new object?[r] : null));

        var model = new ModelProto
        {
            IrVersion = 8, // ONNX IR version 8 goes with opsets 15 to 18; readers accept newer opsets with it
            ProducerName = "TorchJit",
            ProducerVersion = typeof(OnnxExporter).Assembly.GetName().Version?.ToString() ?? "0",
            Graph = main,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = opset });
        return model;
    }

    /// <summary>A value info: a tensor of <paramref name="type"/> with dims (int: fixed, string: symbolic, null: unknown), or no shape.</summary>
    public static ValueInfoProto ValueInfo(string name, ElemType type, object?[]? dims)
    {
        var tensor = new TypeProto.Types.Tensor { ElemType = (int)type };
        if (dims is not null)
        {
            tensor.Shape = new TensorShapeProto();
            foreach (var d in dims)
            {
                tensor.Shape.Dim.Add(d switch
                {
                    null => new TensorShapeProto.Types.Dimension(),
                    string s => new TensorShapeProto.Types.Dimension { DimParam = s },
                    _ => new TensorShapeProto.Types.Dimension { DimValue = Convert.ToInt64(d, System.Globalization.CultureInfo.InvariantCulture) },
                });
            }
        }

        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensor } };
    }

    private void ExportBlock(OnnxScope scope, Block block)
    {
        foreach (var n in block.Nodes)
        {
            switch (n.Kind)
            {
                case NodeKinds.Constant:
                    continue; // written where used, in the element type the use needs
                case NodeKinds.If:
                    ExportIf(scope, n);
                    continue;
                case NodeKinds.Loop:
                    ExportLoop(scope, n);
                    continue;
            }

            var key = n.Op?.QualifiedName ?? n.Kind;
            if (!Symbolics.TryGet(key, n.Kind, out var symbolic))
                throw new OnnxExportException(key, "no ONNX mapping for this op");
            symbolic(new NodeContext(this, scope, n));
        }
    }

    /// <summary>What <paramref name="v"/> became; constants are written on first use in their own type.</summary>
    public Exported Get(OnnxScope scope, Value v)
    {
        if (values.TryGetValue(v, out var e)) return e;
        if (v.IsConstant) return Constants.Materialize(scope, v);
        throw new OnnxExportException(v.Node.Kind, $"value %{v.Name} has not been exported (it is read before it is written, or its kind has no mapping)");
    }

    public void Bind(Value v, Exported e) => values[v] = e with { Rank = e.Rank ?? RankOf(v) };

    /// <summary>The inferred type of <paramref name="v"/>, if shape inference knew it.</summary>
    public JitType? TypeOf(Value v) => types.GetValueOrDefault(v);

    public int? RankOf(Value v) => ExportGraph.RankOf(TypeOf(v));
}
