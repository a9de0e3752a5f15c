using TorchJit.Kernels;
using static TorchJit.torch;

namespace TorchJit.Tests.Runtime;

/// <summary>A compiled call checks its cancellation token between kernels and loop iterations, and the module stays usable.</summary>
public sealed class CancellationTests
{
    [Fact]
    public void A_cancelled_token_stops_the_call_before_its_first_kernel_and_the_module_stays_usable()
    {
        var model = new SpinModel();
        var compiled = Jit.Compile(model);
        var x = tensor(new[] { 1f, 2f, 3f }, [3]);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var output = Tensor.Empty(DType.Float32, [3]);

        Assert.Throws<OperationCanceledException>(() => compiled.forward(x, output, cancelled.Token));
        Assert.Throws<OperationCanceledException>(() => compiled.forward(x, cancelled.Token));

        var small = tensor(new[] { 1000f, 0f, 0f }, [3]); // the loop ends at once
        compiled.forward(small, output, CancellationToken.None);
        Assert.True(model.forward(small).BitEquals(output));
    }

    [Fact]
    public void Cancelling_while_a_loop_runs_stops_it_between_iterations()
    {
        var compiled = Jit.Compile(new SpinModel());
        // The first call of a signature builds its plan with one interpreted run, which has no token: build it
        // with an input that ends.
        compiled.forward(tensor(new[] { 1000f, 0f, 0f }, [3]));
        var x = tensor(new[] { -1f, 0f, 0f }, [3]); // the sum never reaches 100: the loop runs until cancelled
        using var source = new CancellationTokenSource();
        var call = Task.Run(() => compiled.forward(x, source.Token));
        Thread.Sleep(100);
        Assert.False(call.IsCompleted);

        source.Cancel();

        var e = Assert.Throws<AggregateException>(() => call.Wait(TimeSpan.FromSeconds(30)));
        Assert.IsAssignableFrom<OperationCanceledException>(e.InnerException);
    }

    /// <summary>A while loop on data: runs until the sum exceeds 100, forever for inputs that do not grow.</summary>
    private sealed class SpinModel : nn.Module<Tensor, Tensor>
    {
        public SpinModel()
            : base(nameof(SpinModel))
        {
        }

        public override Tensor forward(Tensor x)
        {
            while ((bool)(x.sum() < 100))
            {
                x = x * 2;
            }

            return x;
        }
    }
}
