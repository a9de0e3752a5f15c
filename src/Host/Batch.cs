using TorchJit.Kernels;

namespace TorchJit.Hosting;

/// <summary>
/// Dynamic batching for one worker (Triton's dynamic batcher): from a claimed request, gather up to
/// <see cref="InferenceHostOptions.MaxBatchSize"/> requests whose inputs agree past dimension 0, waiting at most
/// <see cref="InferenceHostOptions.MaxBatchDelay"/>; copy them row after row into a pooled array; make one model
/// call; copy each request's rows of the output into its own result.
/// </summary>
/// <remarks>
/// Per batch this allocates the batched input's tensor object and the model's output (beyond the results).
/// A request that does not fit the batch being gathered is carried over to start the next one.
/// </remarks>
internal sealed class Batch
{
    private readonly Worker worker;
    private readonly InferenceHost host;
    private readonly torch.nn.Module<Tensor, Tensor> model;
    private readonly TimeProvider time;
    private readonly Request[] members;
    private readonly long delayTicks;

    public Batch(Worker worker, InferenceHost host, torch.nn.Module<Tensor, Tensor> model, InferenceHostOptions options, TimeProvider time)
    {
        this.worker = worker;
        this.host = host;
        this.model = model;
        this.time = time;
        members = new Request[options.MaxBatchSize];
        delayTicks = (long)(options.MaxBatchDelay.TotalSeconds * time.TimestampFrequency);
    }

    /// <summary>Gathers from <paramref name="first"/>, runs, completes; returns a claimed request that did not fit, if any.</summary>
    public Request? GatherAndRun(Request first)
    {
        int count = 0;
        Request? carried = null;
        if (first.Input.Dim >= 1 && first.Input.DType == DType.Float32)
        {
            members[count++] = first;
            long until = time.GetTimestamp() + delayTicks;
            while (count < members.Length)
            {
                var next = worker.TakeAndClaim();
                if (next is null)
                {
                    // Waiting is pointless once the host is closing: nothing more will come.
                    if (time.GetTimestamp() >= until || host.Admission.IsClosed) break;
                    Thread.SpinWait(30); // not a yield: a yield on a busy machine can outlast the whole delay
                    continue;
                }

                if (!Fits(first.Input, next.Input))
                {
                    carried = next;
                    break;
                }

                members[count++] = next;
            }
        }
        else
        {
            members[count++] = first;
        }

        try
        {
            Run(count);
        }
        finally
        {
            Array.Clear(members, 0, count);
        }

        return carried;
    }

    private static bool Fits(Tensor first, Tensor next)
    {
        if (next.DType != DType.Float32 || next.Dim != first.Dim) return false;
        var a = first.Shape;
        var b = next.Shape;
        for (int d = 1; d < a.Length; d++)
        {
            if (a[d] != b[d]) return false;
        }

        return true;
    }

    private void Run(int count)
    {
        // Cancellation is honoured up to the call: members whose tokens fired while gathering leave now.
        int live = 0;
        for (int i = 0; i < count; i++)
        {
            if (members[i].Token.IsCancellationRequested) members[i].CancelClaimed();
            else members[live++] = members[i];
        }

        if (live == 0) return;
        host.Batched(live);
        if (live == 1)
        {
            worker.Call(members[0]);
            return;
        }

        var first = members[0].Input;
        int rowLength = first.Shape[0] == 0 ? 0 : (int)(first.NumElements / first.Shape[0]);
        int rows = 0;
        for (int i = 0; i < live; i++) rows += members[i].Input.Shape[0];
        var buffer = host.Buffers.Rent(rows * rowLength);
        int done = 0;
        try
        {
            int at = 0;
            for (int i = 0; i < live; i++)
            {
                var input = members[i].Input;
                input.CopyTo(buffer.AsSpan(at, (int)input.NumElements));
                at += (int)input.NumElements;
            }

            var shape = first.Shape.ToArray();
            shape[0] = rows;
            var output = model.forward(Tensor.OverArray(buffer, 0, shape));
            if (output.Dim < 1 || output.Shape[0] != rows || output.DType != DType.Float32)
                throw new InvalidOperationException($"dynamic batching: the model's output {output.Describe()} does not keep the batch of {rows} rows in dimension 0 as a float tensor; turn batching off for this model");
            Split(output.contiguous(), rows, live, ref done);
        }
        catch (Exception e)
        {
            host.ModelFailed(e, live - done);
            for (int i = done; i < live; i++) members[i].Fail(e);
        }
        finally
        {
            host.Buffers.Return(buffer);
        }
    }

    // Each request's rows of the output, copied into a tensor of its own (the one allocation the caller keeps).
    private void Split(Tensor output, int rows, int live, ref int done)
    {
        var data = output.Float32Span;
        int outRow = data.Length / rows;
        var shape = output.Shape.ToArray();
        int at = 0;
        for (int i = 0; i < live; i++)
        {
            int n = members[i].Input.Shape[0];
            shape[0] = n;
            var result = Tensor.FromSpan(data.Slice(at, n * outRow), shape);
            at += n * outRow;
            done++;
            members[i].Succeed(result);
        }
    }
}
