using TorchJit.Hosting;
using TorchJit.Zoo;
using static TorchJit.torch;

namespace TorchJit.Host.Tests;

/// <summary>
/// Eight threads submit at once: every response is its own request's (inputs are all different, so a mix-up
/// shows), none is lost and none completes twice (each task is awaited once; the metrics count each outcome once).
/// </summary>
public sealed class ConcurrencyTests
{
    private const int Submitters = 8;
    private const int PerSubmitter = 400;

    public static TheoryData<int, int> Configurations => new() { { 1, 1 }, { 2, 1 }, { 4, 1 }, { 2, 8 } };

    [Theory]
    [MemberData(nameof(Configurations))]
    public async Task EveryResponseMatchesItsOwnRequest(int workers, int maxBatch)
    {
        using var counts = new OutcomeCounter();
        await using var host = new InferenceHost(new Affine(), new InferenceHostOptions
        {
            WorkerCount = workers, QueueCapacity = 64, MaxBatchSize = maxBatch, Name = counts.HostName,
        });
        var mismatches = 0;
        var completed = 0;
        using var start = new Barrier(Submitters);
        var submitters = Enumerable.Range(0, Submitters).Select(s => Task.Factory.StartNew(async () =>
        {
            start.SignalAndWait();
            var pending = new Task<Tensor>[PerSubmitter];
            var inputs = new Tensor[PerSubmitter];
            for (int i = 0; i < PerSubmitter; i++)
            {
                inputs[i] = Inputs.Tagged(s * PerSubmitter + i, rows: 1 + i % 3);
                pending[i] = host.SubmitAsync(inputs[i]);
                if (i % 16 == 15) await pending[i - 8]; // keep some in flight, some awaited early
            }

            for (int i = 0; i < PerSubmitter; i++)
            {
                var result = await pending[i];
                Interlocked.Increment(ref completed);
                if (!Affine.Expected(inputs[i]).BitEquals(result)) Interlocked.Increment(ref mismatches);
            }
        }, TaskCreationOptions.LongRunning).Unwrap()).ToArray();
        await Task.WhenAll(submitters);

        Assert.Equal(0, mismatches);
        Assert.Equal(Submitters * PerSubmitter, completed);
        await host.DisposeAsync();
        Assert.Equal(Submitters * PerSubmitter, counts.Get("succeeded"));
        Assert.Equal(Submitters * PerSubmitter, counts.Total);
        Assert.Equal(0, host.Buffers.Outstanding);
    }

    [Fact]
    public async Task CompiledMlpServedByBatchingWorkersAgreesWithSingleCalls()
    {
        var compiled = Jit.Compile(ModelZoo.Mlp());
        await using var host = new InferenceHost(compiled, new InferenceHostOptions { WorkerCount = 2, MaxBatchSize = 8 });
        manual_seed(1);
        var inputs = Enumerable.Range(0, 400).Select(i => randn(1 + i % 2, 784)).ToArray();
        var results = await Task.WhenAll(inputs.Select(x => host.SubmitAsync(x)));
        for (int i = 0; i < inputs.Length; i++)
        {
            var expected = compiled.forward(inputs[i]).ToArray();
            var actual = results[i].ToArray();
            Assert.Equal(expected.Length, actual.Length);
            // A batch runs the GEMM with more rows, which may block the sum differently: fp32 GEMM tolerance.
            for (int j = 0; j < expected.Length; j++) Assert.True(Math.Abs(expected[j] - actual[j]) <= 1e-4 + 1e-4 * Math.Abs(expected[j]), $"request {i}, element {j}: {actual[j]} vs {expected[j]}");
        }
    }

    [Fact]
    public async Task CancellationStormsLeakNoBuffer()
    {
        await using var host = new InferenceHost(new Busy(TimeSpan.FromMicroseconds(50)), new InferenceHostOptions
        {
            WorkerCount = 2, MaxBatchSize = 4, MaxBatchDelay = TimeSpan.FromMicroseconds(500), QueueCapacity = 32,
        });
        var random = new Random(7);
        int cancelled = 0, succeeded = 0;
        for (int round = 0; round < 20; round++)
        {
            var sources = Enumerable.Range(0, 40).Select(_ => new CancellationTokenSource()).ToArray();
            var inputs = Enumerable.Range(0, 40).Select(i => Inputs.Tagged(round * 100 + i, rows: 2)).ToArray();
            var tasks = inputs.Select((x, i) => host.SubmitAsync(x, sources[i].Token)).ToArray();
            foreach (var i in Enumerable.Range(0, 40).OrderBy(_ => random.Next()).Take(20))
            {
                if (random.Next(3) == 0) Thread.SpinWait(random.Next(2000));
                sources[i].Cancel();
            }

            for (int i = 0; i < tasks.Length; i++)
            {
                try
                {
                    Assert.True(Affine.Expected(inputs[i]).BitEquals(await tasks[i]));
                    succeeded++;
                }
                catch (OperationCanceledException)
                {
                    Assert.True(sources[i].IsCancellationRequested);
                    cancelled++;
                }
            }

            Assert.Equal(0, host.Buffers.Outstanding);
            foreach (var s in sources) s.Dispose();
        }

        Assert.True(cancelled > 0, "no request was cancelled: the test did not test cancellation");
        Assert.Equal(800, cancelled + succeeded);
    }
}
