using TorchJit.Zoo;
using static TorchJit.torch;

namespace TorchJit.Tests.Codegen;

/// <summary>One compiled module, many threads: every result equals the single-threaded one.</summary>
public sealed class ConcurrencyTests
{
    [Fact]
    public void ManyThreadsShareOneCompiledModule()
    {
        var mlp = ModelZoo.Mlp();
        var compiled = Jit.Compile(mlp);
        var inputs = Enumerable.Range(0, 64).Select(i => i % 2 == 0 ? randn(1, 784) : randn(3, 784)).ToArray();
        var expected = inputs.Select(mlp.forward).ToArray();

        var failures = 0;
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, t =>
        {
            for (int i = 0; i < 200; i++)
            {
                int k = (i * 7 + t) % inputs.Length;
                if (!compiled.forward(inputs[k]).BitEquals(expected[k])) Interlocked.Increment(ref failures);
            }
        });

        Assert.Equal(0, failures);
    }
}
