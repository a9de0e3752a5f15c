using TorchJit.Zoo;
using static TorchJit.torch;

namespace TorchJit.Tests.Runtime;

/// <summary>
/// One compiled module, many threads: 8 threads x 2,000 calls with distinct inputs each give the single-threaded
/// result bit for bit; threads racing on a new signature build its plan exactly once.
/// </summary>
public sealed class ConcurrencyTests
{
    private const int Threads = 8;

    [Theory]
    [InlineData("mlp", 2000)]
    [InlineData("cond", 2000)]
    [InlineData("cnn", 200)]
    public void ManyThreadsShareOneCompiledModule(string name, int callsPerThread)
    {
        var zoo = ModelZoo.Get(name);
        var compiled = Jit.Compile(zoo.Create());
        manual_seed(1);
        var shape = zoo.ExampleInput().shapeArray();
        var batched = (long[])shape.Clone();
        batched[0] = 3;
        // Distinct inputs over two signatures; the expected results come from one thread, before any race.
        var inputs = Enumerable.Range(0, 32).Select(i => i % 4 == 3 ? randn(batched) * 4 : randn(shape) * 4).ToArray();
        var expected = inputs.Select(compiled.forward).ToArray();

        int failures = 0;
        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            var outputs = expected.Select(e => Tensor.Empty(e.DType, e.Shape)).ToArray();
            for (int i = 0; i < callsPerThread; i++)
            {
                int k = ((i * 7) + t) % inputs.Length;
                bool ok;
                if (i % 2 == 0)
                {
                    compiled.forward(inputs[k], outputs[k]);
                    ok = outputs[k].BitEquals(expected[k]);
                }
                else
                {
                    ok = compiled.forward(inputs[k]).BitEquals(expected[k]);
                }

                if (!ok) Interlocked.Increment(ref failures);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Equal(0, failures);
        Assert.Equal(2, compiled.PlansBuilt);
    }

    [Fact]
    public void RacingFirstCallsBuildEachSignatureOnce()
    {
        // One model for the reference and the compiled module: other tests draw from the global generator at the
        // same time, so a second ModelZoo.Mlp() need not get the same weights.
        var mlp = ModelZoo.Mlp();
        var compiled = Jit.Compile(mlp);
        for (int round = 1; round <= 10; round++)
        {
            var x = randn(round, 784);
            var expected = mlp.forward(x);
            using var start = new Barrier(Threads);
            var results = new Tensor[Threads];
            var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
            {
                start.SignalAndWait();
                results[t] = compiled.forward(x);
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());

            Assert.Equal(round, compiled.PlansBuilt);
            Assert.All(results, r => Assert.True(r.BitEquals(results[0])));
            TensorAssert.Close(expected, results[0]);
        }
    }

    [Fact]
    public void ManyThreadsScriptAndCompileAtOnce()
    {
        // A host compiles on its workers: scripting's caches must take concurrent callers (a shared
        // NullabilityInfoContext once threw "An item with the same key has already been added").
        using var start = new Barrier(Threads);
        var errors = new Exception?[Threads];
        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            try
            {
                var model = t % 2 == 0 ? ModelZoo.Get("cnn").Create() : ModelZoo.Get("transformer").Create();
                Jit.Compile(model);
            }
            catch (Exception e)
            {
                errors[t] = e;
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.All(errors, e => Assert.Null(e));
    }
}
