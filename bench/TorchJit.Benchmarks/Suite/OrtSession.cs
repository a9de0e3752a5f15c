using Microsoft.ML.OnnxRuntime;

namespace TorchJit.Benchmarks.Suite;

/// <summary>
/// An exported model in ONNX Runtime as its users tune it: <c>ORT_ENABLE_ALL</c>, a fixed intra-op thread count,
/// input and output <see cref="OrtValue"/>s created once over pinned arrays and bound once (IoBinding), so a call
/// is <c>RunWithBinding</c> and nothing else.
/// </summary>
public sealed class OrtSession : IDisposable
{
    private readonly SessionOptions options;
    private readonly InferenceSession session;
    private readonly RunOptions runOptions = new();
    private readonly OrtIoBinding binding;
    private readonly OrtValue input;
    private readonly OrtValue output;

    public OrtSession(byte[] model, int threads, float[] inputData, long[] inputShape, float[] outputData, long[] outputShape)
    {
        options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        };
        session = new InferenceSession(model, options);
        input = OrtValue.CreateTensorValueFromMemory(inputData, inputShape);
        output = OrtValue.CreateTensorValueFromMemory(outputData, outputShape);
        binding = session.CreateIoBinding();
        binding.BindInput("input", input);
        binding.BindOutput("output", output);
    }

    public void Run() => session.RunWithBinding(runOptions, binding);

    public void Dispose()
    {
        binding.Dispose();
        output.Dispose();
        input.Dispose();
        runOptions.Dispose();
        session.Dispose();
        options.Dispose();
    }
}
