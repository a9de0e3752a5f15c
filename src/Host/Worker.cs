namespace TorchJit.Hosting;

/// <summary>
/// One worker thread's loop: take a request, claim it (Note [Request states]), run the model, complete. With
/// dynamic batching, a claimed request opens a <see cref="Batch"/> that gathers more before the call.
/// </summary>
internal sealed class Worker
{
    private readonly InferenceHost host;
    private readonly torch.nn.Module<Tensor, Tensor> model;
    private readonly CompiledModule? compiled; // checks each request's token between kernels
    private readonly Batch? batch;
    private readonly Func<bool> stopping;

    public Worker(InferenceHost host, torch.nn.Module<Tensor, Tensor> model, InferenceHostOptions options, TimeProvider time)
    {
        this.host = host;
        this.model = model;
        compiled = model as CompiledModule;
        if (options.MaxBatchSize > 1) batch = new Batch(this, host, model, options, time);
        stopping = () => host.Admission.IsClosedAndEmpty;
    }

    public void Loop()
    {
        try
        {
            Request? carried = null;
            while (true)
            {
                var request = carried ?? TakeAndClaim();
                carried = null;
                if (request is null)
                {
                    if (host.Admission.IsClosedAndEmpty) return;
                    host.Queue.WaitForWork(stopping);
                    continue;
                }

                if (batch is null) RunOne(request);
                else carried = batch.GatherAndRun(request);
            }
        }
        finally
        {
            host.ThreadExited();
        }
    }

    /// <summary>The next request this worker may run, or null when the queue is empty. Frees the request's slot.</summary>
    public Request? TakeAndClaim()
    {
        while (host.Queue.TryTake(out var request))
        {
            if (host.Admission.Release()) host.Queue.WakeAll(host.Options.WorkerCount);
            if (host.IsCancelling)
            {
                request!.TryAbandon();
                continue;
            }

            if (request!.TryClaim(host.Now))
            {
                host.Queue.TookOne();
                return request;
            }
        }

        return null;
    }

    private void RunOne(Request request)
    {
        if (request.Token.IsCancellationRequested)
        {
            request.CancelClaimed();
            return;
        }

        host.Batched(1);
        Call(request);
    }

    /// <summary>One model call for a claimed request, completing it with the result or the model's exception.</summary>
    public void Call(Request request)
    {
        Tensor result;
        try
        {
            // A compiled module checks the token between kernels, so a request cancelled while running stops early.
            result = compiled is not null ? compiled.forward(request.Input, request.Token) : model.forward(request.Input);
        }
        catch (OperationCanceledException) when (request.Token.IsCancellationRequested)
        {
            request.CancelClaimed();
            return;
        }
        catch (Exception e)
        {
            host.ModelFailed(e, 1);
            request.Fail(e);
            return;
        }

        request.Succeed(result);
    }
}
