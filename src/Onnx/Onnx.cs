using Google.Protobuf;
using TorchJit.Onnx.Proto;

namespace TorchJit.Onnx;

/// <summary>
/// Writes a module as an ONNX model (<c>torch.onnx.export</c> for TorchJit): the scripted (or traced) graph,
/// flattened and frozen, with weights as initializers, <c>prim::If</c>/<c>prim::Loop</c> as ONNX If/Loop with
/// sub-graphs, and a symbolic batch dimension. An op with no mapping raises an <see cref="OnnxExportException"/>
/// naming it.
/// </summary>
public static class Onnx
{
    /// <summary>The lowest opset written: LayerNormalization is an ONNX op from 17.</summary>
    public const int MinOpset = 17;

    /// <summary>The highest opset the mappings are written for.</summary>
    public const int MaxOpset = 21;

    /// <summary>Scripts <paramref name="module"/> (unless it is a <see cref="ScriptModule"/> already) and writes it to <paramref name="path"/>.</summary>
    /// <param name="module">An eager module (scripted here) or a traced or scripted one.</param>
    /// <param name="path">The .onnx file to write.</param>
    /// <param name="example">An input of the shape and dtype the model takes (dimension 0 becomes symbolic with <paramref name="dynamicBatch"/>).</param>
    /// <param name="opset">The ONNX opset, <see cref="MinOpset"/> to <see cref="MaxOpset"/>.</param>
    /// <param name="dynamicBatch">Declare dimension 0 of the input as the symbolic <c>batch</c>, so the model takes any batch size.</param>
    /// <exception cref="OnnxExportException">An op has no ONNX mapping, or an argument it needs constant is computed at run time.</exception>
    public static void Export(torch.nn.Module<Tensor, Tensor> module, string path, Tensor example, int opset = MinOpset, bool dynamicBatch = true)
    {
        ArgumentNullException.ThrowIfNull(path);
        File.WriteAllBytes(path, ExportToBytes(module, example, opset, dynamicBatch));
    }

    /// <summary>The ONNX model of <paramref name="module"/> as bytes (see <see cref="Export"/>).</summary>
    public static byte[] ExportToBytes(torch.nn.Module<Tensor, Tensor> module, Tensor example, int opset = MinOpset, bool dynamicBatch = true) =>
        ExportModel(module, example, opset, dynamicBatch).ToByteArray();

    internal static ModelProto ExportModel(torch.nn.Module<Tensor, Tensor> module, Tensor example, int opset, bool dynamicBatch)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(example);
        ArgumentOutOfRangeException.ThrowIfLessThan(opset, MinOpset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(opset, MaxOpset);
        if (example.Dim == 0 && dynamicBatch) throw new ArgumentException("a 0-d example has no batch dimension; pass dynamicBatch: false", nameof(example));
        // Initializers are the tensors' bytes as they lie in memory; ONNX's raw_data is little-endian.
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("ONNX export writes raw little-endian tensor data");
        var scripted = Jit.Script(module);
        var (graph, types) = ExportGraph.Prepare(scripted, example, dynamicBatch);
        string name = scripted.TorchScriptClassName.Split('.')[^1];
        return OnnxExporter.Export(graph, types, example, opset, dynamicBatch ? "batch" : null, "input", "output", name);
    }
}
