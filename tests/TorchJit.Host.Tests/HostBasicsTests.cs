using TorchJit.Hosting;

namespace TorchJit.Host.Tests;

/// <summary>Queue bound, full-queue modes, timeouts, cancellation, bad input and shutdown, on a gated model whose calls the test holds.</summary>
public sealed class HostBasicsTests
{
    [Fact]
    public async Task ResultsAreTheModelsAndRunBlocksForOne()
    {
        await using var host = new InferenceHost(new Affine(), new InferenceHostOptions { WorkerCount = 2 });
        var x = Inputs.Tagged(3);
        Assert.True(Affine.Expected(x).BitEquals(await host.SubmitAsync(x)));
        Assert.True(Affine.Expected(x).BitEquals(host.Run(x)));
    }

    [Fact]
    public async Task AFullQueueRejectsWithATypedExceptionInRejectMode()
    {
        var gate = new Gate();
        var host = new InferenceHost(gate, new InferenceHostOptions { WorkerCount = 1, QueueCapacity = 2, FullQueue = FullQueueMode.Reject });
        var running = host.SubmitAsync(Inputs.Tagged(0));
        gate.WaitUntilEntered(1);
        var queued = new[] { host.SubmitAsync(Inputs.Tagged(1)), host.SubmitAsync(Inputs.Tagged(2)) };
        Assert.Equal(2, host.QueueLength);
        var rejected = await Assert.ThrowsAsync<InferenceRejectedException>(() => host.SubmitAsync(Inputs.Tagged(3)));
        Assert.Equal(RejectionReason.QueueFull, rejected.Reason);
        gate.Open();
        await running;
        await Task.WhenAll(queued);
        Assert.Equal(3, gate.Calls);
        await host.DisposeAsync();
    }

    [Fact]
    public async Task AFullQueueMakesSubmitsWaitInWaitMode()
    {
        var gate = new Gate();
        await using var host = new InferenceHost(gate, new InferenceHostOptions { WorkerCount = 1, QueueCapacity = 1, FullQueue = FullQueueMode.Wait });
        var first = host.SubmitAsync(Inputs.Tagged(0));
        gate.WaitUntilEntered(1);
        var second = host.SubmitAsync(Inputs.Tagged(1));
        var third = host.SubmitAsync(Inputs.Tagged(2)); // waits for a slot
        Assert.False(third.IsCompleted);
        gate.Open();
        var results = await Task.WhenAll(first, second, third);
        for (int i = 0; i < 3; i++) Assert.True(Affine.Expected(Inputs.Tagged(i)).BitEquals(results[i]));
    }

    [Fact]
    public async Task AWaitForASlotTimesOutWithATypedException()
    {
        var gate = new Gate();
        var host = new InferenceHost(gate, new InferenceHostOptions { WorkerCount = 1, QueueCapacity = 1, DefaultTimeout = TimeSpan.FromMilliseconds(50) });
        var first = host.SubmitAsync(Inputs.Tagged(0));
        gate.WaitUntilEntered(1);
        var second = host.SubmitAsync(Inputs.Tagged(1));
        var third = host.SubmitAsync(Inputs.Tagged(2));
        await Assert.ThrowsAsync<InferenceTimeoutException>(() => third);
        await Assert.ThrowsAsync<InferenceTimeoutException>(() => second); // timed out in the queue
        gate.Open();
        await first; // the running call is not interrupted by its timeout
        await host.DisposeAsync();
        Assert.Equal(1, gate.Calls);
    }

    [Fact]
    public async Task QueuedRequestsTimeOutWhileTheWorkerIsBusyAndNeverRun()
    {
        var gate = new Gate();
        var host = new InferenceHost(gate, new InferenceHostOptions { WorkerCount = 1, DefaultTimeout = TimeSpan.FromMilliseconds(40) });
        var running = host.SubmitAsync(Inputs.Tagged(0));
        gate.WaitUntilEntered(1);
        var queued = Enumerable.Range(1, 5).Select(i => host.SubmitAsync(Inputs.Tagged(i))).ToArray();
        foreach (var q in queued)
        {
            var e = await Assert.ThrowsAsync<InferenceTimeoutException>(() => q);
            Assert.True(e.Waited >= e.Timeout);
        }

        gate.Open();
        await running;
        await host.DisposeAsync();
        Assert.Equal(1, gate.Calls);
    }

    [Fact]
    public async Task CancellingAQueuedRequestCancelsItsTaskAndItNeverRuns()
    {
        var gate = new Gate();
        var host = new InferenceHost(gate, new InferenceHostOptions { WorkerCount = 1 });
        var running = host.SubmitAsync(Inputs.Tagged(0));
        gate.WaitUntilEntered(1);
        using var cts = new CancellationTokenSource();
        var queued = host.SubmitAsync(Inputs.Tagged(1), cts.Token);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        Assert.True(queued.IsCanceled);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.SubmitAsync(Inputs.Tagged(2), cts.Token));
        gate.Open();
        await running;
        await host.DisposeAsync();
        Assert.Equal(1, gate.Calls);
    }

    [Fact]
    public async Task CancellingARunningRequestStopsTheCompiledModelBetweenKernels()
    {
        // A compiled model whose loop never ends on this input: only cancellation between iterations stops it.
        await using var host = InferenceHost.Compile(new Spin(), new InferenceHostOptions { WorkerCount = 1 });
        await host.SubmitAsync(torch.tensor(new[] { 1000f, 0f }, [2])); // builds the plan with an input that ends
        using var cts = new CancellationTokenSource();
        var running = host.SubmitAsync(torch.tensor(new[] { -1f, 0f }, [2]), cts.Token);
        await Task.Delay(100);
        Assert.False(running.IsCompleted);

        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(running.IsCanceled);
        var after = await host.SubmitAsync(torch.tensor(new[] { 1000f, 0f }, [2])); // the worker is free again
        Assert.Equal(1000f, after.ToArray()[0]);
    }

    /// <summary>Doubles its input until the sum passes 100: forever for a negative sum.</summary>
    private sealed class Spin() : torch.nn.Module<Tensor, Tensor>(nameof(Spin))
    {
        public override Tensor forward(Tensor x)
        {
            while ((bool)(x.sum() < 100)) x = x * 2;
            return x;
        }
    }

    [Fact]
    public async Task BadInputFailsItsOwnRequestWithTheModelsExceptionAndTheHostGoesOn()
    {
        var mlp = Jit.Compile(TorchJit.Zoo.ModelZoo.Mlp());
        await using var host = new InferenceHost(mlp, new InferenceHostOptions { WorkerCount = 2 });
        var e = await Assert.ThrowsAsync<ArgumentException>(() => host.SubmitAsync(torch.rand(1, 5)));
        Assert.Contains("784", e.Message);
        var x = torch.rand(1, 784);
        Assert.True(mlp.forward(x).BitEquals(await host.SubmitAsync(x)));
    }

    [Fact]
    public async Task DisposeDrainsTheQueueThenRejectsNewSubmits()
    {
        var gate = new Gate();
        var host = new InferenceHost(gate, new InferenceHostOptions { WorkerCount = 1, Shutdown = ShutdownMode.Drain });
        var tasks = Enumerable.Range(0, 6).Select(i => host.SubmitAsync(Inputs.Tagged(i))).ToArray();
        gate.WaitUntilEntered(1);
        var disposing = host.DisposeAsync();
        var late = await Assert.ThrowsAsync<InferenceRejectedException>(() => host.SubmitAsync(Inputs.Tagged(9)));
        Assert.Equal(RejectionReason.Stopped, late.Reason);
        gate.Open();
        await disposing;
        Assert.True(host.Stopped.IsCompletedSuccessfully);
        Assert.All(tasks, t => Assert.True(t.IsCompletedSuccessfully));
        Assert.Equal(6, gate.Calls);
        Assert.Equal(0, host.Buffers.Outstanding);
    }

    [Fact]
    public async Task DisposeInCancelModeRejectsQueuedRequestsAndLetsTheRunningOneFinish()
    {
        var gate = new Gate();
        var host = new InferenceHost(gate, new InferenceHostOptions { WorkerCount = 1, Shutdown = ShutdownMode.Cancel });
        var running = host.SubmitAsync(Inputs.Tagged(0));
        gate.WaitUntilEntered(1);
        var queued = Enumerable.Range(1, 5).Select(i => host.SubmitAsync(Inputs.Tagged(i))).ToArray();
        var disposing = host.DisposeAsync();
        gate.Open();
        await disposing;
        await running;
        foreach (var q in queued)
            Assert.Equal(RejectionReason.Stopped, (await Assert.ThrowsAsync<InferenceRejectedException>(() => q)).Reason);
        Assert.Equal(1, gate.Calls);
    }

    [Fact]
    public void OptionsOutOfRangeAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new InferenceHost(new Affine(), new InferenceHostOptions { WorkerCount = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new InferenceHost(new Affine(), new InferenceHostOptions { QueueCapacity = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new InferenceHost(new Affine(), new InferenceHostOptions { DefaultTimeout = TimeSpan.Zero }));
    }
}
