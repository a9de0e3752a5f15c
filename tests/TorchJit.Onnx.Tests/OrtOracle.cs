using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace TorchJit.Onnx.Tests;

/// <summary>Runs an exported model in ONNX Runtime (all graph optimizations on, one thread) and returns its output as a TorchJit tensor.</summary>
public sealed class OrtOracle : IDisposable
{
    private readonly SessionOptions options;
    private readonly InferenceSession session;

    public OrtOracle(byte[] model)
    {
        options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, IntraOpNumThreads = 1 };
        session = new InferenceSession(model, options);
    }

    public Tensor Run(Tensor input)
    {
        long[] shape = input.shapeArray();
        using var value = input.DType switch
        {
            Kernels.DType.Float32 => OrtValue.CreateTensorValueFromMemory(input.data<float>(), shape),
            Kernels.DType.Int64 => OrtValue.CreateTensorValueFromMemory(input.data<long>(), shape),
            _ => throw new NotSupportedException(input.DType.ToString()),
        };
        using var runOptions = new RunOptions();
        using var results = session.Run(runOptions, ["input"], [value], ["output"]);
        var output = results[0];
        var info = output.GetTensorTypeAndShape();
        int[] dims = [.. info.Shape.Select(d => (int)d)];
        return info.ElementDataType switch
        {
            TensorElementType.Float => Tensor.FromArray(output.GetTensorDataAsSpan<float>().ToArray(), dims),
            TensorElementType.Int64 => Tensor.FromArray(output.GetTensorDataAsSpan<long>().ToArray(), dims),
            TensorElementType.Bool => Tensor.FromArray(output.GetTensorDataAsSpan<bool>().ToArray(), dims),
            var t => throw new NotSupportedException($"output element type {t}"),
        };
    }

    public void Dispose()
    {
        session.Dispose();
        options.Dispose();
    }
}
