using System.Diagnostics;
using TorchJit.Hosting;
using TorchJit.Zoo;
using Xunit.Abstractions;
using static TorchJit.torch;

namespace TorchJit.Host.Tests;

/// <summary>Runs only with TORCHJIT_SOAK=1 (minutes, not for every CI run).</summary>
public sealed class SoakFactAttribute : FactAttribute
{
    public SoakFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("TORCHJIT_SOAK") != "1") Skip = "opt-in soak: set TORCHJIT_SOAK=1";
    }
}

/// <summary>
/// A million requests through the host (compiled MLP, four input shapes, with and without dynamic batching on
/// alternate tenths, on two long-lived hosts): the managed heap after a full collection and the process's resident set stop growing.
/// </summary>
public sealed class SoakTests(ITestOutputHelper output)
{
    private const int Requests = 1_000_000;
    private const int Clients = 8;
    private const int Checkpoints = 10;

    [SoakFact]
    public async Task AMillionRequestsLeaveTheHeapAndResidentSetFlat()
    {
        var compiled = Jit.Compile(ModelZoo.Mlp());
        manual_seed(3);
        Tensor[] shapes = [randn(1, 784), randn(2, 784), randn(4, 784), randn(8, 784)];
        var expected = shapes.Select(x => compiled.forward(x)).ToArray();
        var heap = new List<long>();
        var rss = new List<long>();
        long next = 0;
        long mismatches = 0;
        await using var single = new InferenceHost(compiled, new InferenceHostOptions { WorkerCount = 2 });
        await using var batching = new InferenceHost(compiled, new InferenceHostOptions { WorkerCount = 2, MaxBatchSize = 8 });
        for (int checkpoint = 0; checkpoint < Checkpoints; checkpoint++)
        {
            var host = checkpoint % 2 == 0 ? single : batching;
            {
                await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
                {
                    long i;
                    while ((i = Interlocked.Increment(ref next)) <= (checkpoint + 1L) * Requests / Checkpoints)
                    {
                        int s = (int)(i % shapes.Length);
                        var result = await host.SubmitAsync(shapes[s]);
                        if (!result.Shape.SequenceEqual(expected[s].Shape)) Interlocked.Increment(ref mismatches);
                    }
                })));
                Assert.Equal(0, host.Buffers.Outstanding);
            }

            next = (checkpoint + 1L) * Requests / Checkpoints;
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            heap.Add(GC.GetTotalMemory(forceFullCollection: true));
            rss.Add(Process.GetCurrentProcess().WorkingSet64);
            output.WriteLine($"{next:N0} requests: heap {heap[^1] >> 10:N0} KiB, RSS {rss[^1] >> 20:N0} MiB");
        }

        Assert.Equal(0, mismatches);
        // A plateau: the second half's peak is no higher than the peak of checkpoints 2-4 (tiered JIT, plans and
        // pools settled by then), beyond noise (queue segments come and go with the load).
        Assert.True(heap[5..].Max() <= heap[1..5].Max() * 1.15 + (1 << 20), $"managed heap grew: {string.Join(", ", heap)}");
        Assert.True(rss[5..].Max() <= rss[1..5].Max() * 1.10 + (32 << 20), $"resident set grew: {string.Join(", ", rss)}");
    }
}
