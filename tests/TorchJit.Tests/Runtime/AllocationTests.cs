using System.Numerics.Tensors;
using TorchJit.Zoo;
using static TorchJit.torch;

namespace TorchJit.Tests.Runtime;

/// <summary>
/// The steady state allocates nothing: after warm-up, 1,000 calls of each zoo model compiled at O2 into a
/// caller-provided tensor, and 100 more into a span and into a TensorSpan, allocate 0 bytes on the calling thread.
/// </summary>
public sealed class AllocationTests
{
    private const int Calls = 1000;
    private const int SpanCalls = 100;

    // Past tiered compilation's call-counting threshold (30 calls), whose bookkeeping allocates on the calling thread.
    private const int WarmUp = 50;

    public static TheoryData<string> Models => ["cond", "chain", "mlp", "mlp512", "cnn", "transformer"];

    [Theory]
    [MemberData(nameof(Models))]
    public void SteadyStateCallsIntoAnOutputAllocateNothing(string name)
    {
        var (compiled, x) = Compile(name);
        var output = compiled.forward(x);
        var into = Tensor.Empty(output.DType, output.Shape);
        var span = new float[output.NumElements];

        for (int i = 0; i < WarmUp; i++) compiled.forward(x, into);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Calls; i++) compiled.forward(x, into);
        long tensorBytes = GC.GetAllocatedBytesForCurrentThread() - before;

        for (int i = 0; i < WarmUp; i++) compiled.forward(x, span.AsSpan());
        before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < SpanCalls; i++) compiled.forward(x, span.AsSpan());
        long spanBytes = GC.GetAllocatedBytesForCurrentThread() - before;

        var lengths = output.shapeArray().Select(s => (nint)s).ToArray();
        var tensorSpan = new TensorSpan<float>(span, lengths, []);
        for (int i = 0; i < WarmUp; i++) compiled.forward(x, tensorSpan);
        before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < SpanCalls; i++) compiled.forward(x, tensorSpan);
        long tensorSpanBytes = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(tensorBytes == 0, $"{name}: {tensorBytes} bytes over {Calls} calls into a tensor; plan: {compiled.Describe()}");
        Assert.True(spanBytes == 0, $"{name}: {spanBytes} bytes over {SpanCalls} calls into a span");
        Assert.True(tensorSpanBytes == 0, $"{name}: {tensorSpanBytes} bytes over {SpanCalls} calls into a TensorSpan");
        Assert.True(output.BitEquals(into), $"{name}: forward into an output differs from forward");
        Assert.Equal(into.ToArray(), span);
    }

    // The zoo model at O2 with its example input (the chain on 64x256 and the transformer on 8 tokens, so a
    // thousand Debug calls stay quick).
    internal static (CompiledModule Compiled, Tensor Input) Compile(string name)
    {
        var zoo = ModelZoo.Get(name);
        var x = name switch
        {
            "chain" => randn(64, 256),
            "transformer" => randn(1, 8, 256),
            _ => zoo.ExampleInput(),
        };
        return (Jit.Compile(zoo.Create()), x);
    }
}
