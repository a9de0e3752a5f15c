using Google.Protobuf;
using TorchJit.Onnx.Proto;
using TorchJit.Tests;
using TorchJit.Zoo;
using Unopt = TorchJit.Tests.Models.Unoptimized;

namespace TorchJit.Onnx.Tests;

/// <summary>What the exporter writes: errors naming unmapped ops, If/Loop sub-graphs, the symbolic batch, initializers, the file.</summary>
public sealed class ExporterTests
{
    private static readonly Tensor Row3 = TestInputs.Uniform(1, 2, 3);

    [Fact]
    public void AnOpWithoutMappingRaisesAnErrorNamingIt()
    {
        var model = torch.nn.GroupNorm(2, 4);
        var error = Assert.Throws<OnnxExportException>(() => Onnx.ExportToBytes(model, TestInputs.Uniform(0, 1, 4, 3, 3)));
        Assert.Equal("aten::group_norm", error.Op);
        Assert.Contains("aten::group_norm", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(22)]
    public void OpsetsOutsideTheMappedRangeAreRefused(int opset) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Onnx.ExportToBytes(new Unopt.CondModel(), Row3, opset));

    [Fact]
    public void CondModelBecomesAnIfWithTwoSubgraphs()
    {
        var graph = Onnx.ExportModel(new Unopt.CondModel(), Row3, Onnx.MinOpset, dynamicBatch: true).Graph;
        var node = Assert.Single(graph.Node, n => n.OpType == "If");
        var then = Assert.Single(node.Attribute, a => a.Name == "then_branch").G;
        var otherwise = Assert.Single(node.Attribute, a => a.Name == "else_branch").G;
        // x if x.sum() > 10 else x + 10: the then branch passes x through, the else branch adds.
        Assert.DoesNotContain(then.Node, n => n.OpType == "Add");
        Assert.Contains(otherwise.Node, n => n.OpType == "Add");
        Assert.Single(then.Output);
        Assert.Single(otherwise.Output);
        Assert.Contains(graph.Node, n => n.OpType == "ReduceSum");
    }

    [Theory]
    [InlineData(typeof(Unopt.ForLoopModel))]
    [InlineData(typeof(Unopt.WhileModel))]
    [InlineData(typeof(Unopt.BreakContinueModel))]
    public void LoopsBecomeAnOnnxLoopWithABody(Type modelType)
    {
        var model = (torch.nn.Module<Tensor, Tensor>)Activator.CreateInstance(modelType)!;
        var graph = Onnx.ExportModel(model, Row3, Onnx.MinOpset, dynamicBatch: true).Graph;
        var loop = Assert.Single(graph.Node, n => n.OpType == "Loop");
        var body = Assert.Single(loop.Attribute, a => a.Name == "body").G;
        // ONNX's body signature: (iteration, condition, carried...) -> (condition, carried...).
        int carried = loop.Input.Count - 2;
        Assert.True(carried >= 1, "the loop carries the tensor");
        Assert.Equal(2 + carried, body.Input.Count);
        Assert.Equal(1 + carried, body.Output.Count);
        Assert.Equal(carried, loop.Output.Count);
        Assert.Equal((int)ElemType.Int64, body.Input[0].Type.TensorType.ElemType);
        Assert.Equal((int)ElemType.Bool, body.Input[1].Type.TensorType.ElemType);
    }

    [Fact]
    public void TheBatchDimensionIsSymbolicAndEveryOtherFixed()
    {
        var model = ModelZoo.Mlp();
        var input = Onnx.ExportModel(model, TestInputs.Uniform(0, 1, 784), Onnx.MinOpset, dynamicBatch: true).Graph.Input.Single();
        var dims = input.Type.TensorType.Shape.Dim;
        Assert.Equal("batch", dims[0].DimParam);
        Assert.Equal(784, dims[1].DimValue);

        var fixedInput = Onnx.ExportModel(model, TestInputs.Uniform(0, 1, 784), Onnx.MinOpset, dynamicBatch: false).Graph.Input.Single();
        Assert.Equal(1, fixedInput.Type.TensorType.Shape.Dim[0].DimValue);
    }

    [Fact]
    public void ADynamicBatchExportRunsAnyBatchAndAStaticOneOnlyItsOwn()
    {
        var model = ModelZoo.Mlp();
        var five = TestInputs.Uniform(2, 5, 784);
        using (var dynamic = new OrtOracle(Onnx.ExportToBytes(model, TestInputs.Uniform(0, 1, 784))))
            TensorAssert.Close(model.forward(five), dynamic.Run(five), 1e-4, 1e-5, "batch 5 through a batch-1 example");

        using var fixedBatch = new OrtOracle(Onnx.ExportToBytes(model, TestInputs.Uniform(0, 1, 784), dynamicBatch: false));
        Assert.ThrowsAny<Microsoft.ML.OnnxRuntime.OnnxRuntimeException>(() => fixedBatch.Run(five));
    }

    [Fact]
    public void TheTransformersReshapesReadTheBatchAtRunTime()
    {
        // reshape(q, [n, l, 4, 64]): n = size(q, 0) depends on the batch and stays a Shape/Gather; l, 4 and 64 fold.
        var graph = Onnx.ExportModel(ModelZoo.Transformer(), TestInputs.Uniform(0, 1, 64, 256), Onnx.MinOpset, dynamicBatch: true).Graph;
        Assert.Contains(graph.Node, n => n.OpType == "Shape");
        var fixedGraph = Onnx.ExportModel(ModelZoo.Transformer(), TestInputs.Uniform(0, 1, 64, 256), Onnx.MinOpset, dynamicBatch: false).Graph;
        Assert.DoesNotContain(fixedGraph.Node, n => n.OpType == "Shape");
    }

    [Fact]
    public void WeightsAreInitializersHoldingTheParameters()
    {
        var model = ModelZoo.Mlp512();
        var graph = Onnx.ExportModel(model, TestInputs.Uniform(0, 1, 784), Onnx.MinOpset, dynamicBatch: true).Graph;
        Assert.DoesNotContain(graph.Node, n => n.OpType == "Constant");
        var parameters = model.parameters().ToArray();
        Assert.Equal(parameters.Length, graph.Initializer.Count);
        foreach (var p in parameters)
        {
            var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(p.data<float>().AsSpan()).ToArray();
            var match = graph.Initializer.Where(i => i.Dims.SequenceEqual(p.shapeArray()) && i.RawData.Span.SequenceEqual(bytes));
            Assert.Single(match);
        }
    }

    [Fact]
    public void ExportWritesAFileThatParsesBackAsAnOnnxModel()
    {
        string path = Path.Combine(Path.GetTempPath(), $"torchjit-onnx-{Guid.NewGuid():N}.onnx");
        try
        {
            Onnx.Export(ModelZoo.Cnn(), path, TestInputs.Uniform(0, 1, 3, 32, 32));
            var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
            Assert.Equal("TorchJit", model.ProducerName);
            Assert.Equal(Onnx.MinOpset, Assert.Single(model.OpsetImport).Version);
            Assert.Contains(model.Graph.Node, n => n.OpType == "Conv");
            Assert.Equal("output", Assert.Single(model.Graph.Output).Name);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
