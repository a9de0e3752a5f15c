using Xunit.Abstractions;
using Microsoft.Coyote.Specifications;
using TorchJit.Hosting;
using TorchJit.Zoo;

namespace TorchJit.Host.Coyote.Tests;

/// <summary>
/// Workers racing to build a compiled module's first plan for a new input signature, through the host: under
/// every schedule Coyote tries, the plan is built once and every caller gets the right result. TorchJit.dll is
/// rewritten too, so the module's compare-and-swap publish and the losers' SpinWait are scheduling points.
/// </summary>
public sealed class FirstCompileTests(ITestOutputHelper output)
{
    // Scripting once is enough: each iteration compiles a fresh module (no plans yet) from the same script.
    private static readonly ScriptModule Scripted = Jit.Script(ModelZoo.Mlp());
    private static readonly Tensor[] Inputs = [torch.ones(1, 784), torch.ones(1, 784) * 2, torch.ones(1, 784) * 3];
    private static readonly Tensor[] Expected = Inputs.Select(x => Jit.Compile(Scripted).forward(x)).ToArray();

    [Fact]
    public void RacingFirstCallsBuildOnePlanAndAllGetTheirResults()
    {
        // Script and build the references before Coyote takes over: a long stretch without scheduling points
        // looks like a hang to its deadlock monitor.
        Assert.Equal(Inputs.Length, Expected.Length);
        Systematic.Run(RaceOnce, output: output);
    }

    private static async Task RaceOnce()
    {
        var compiled = Jit.Compile(Scripted);
        var host = new InferenceHost(compiled, new InferenceHostOptions { RunContinuationsOnWorker = true, WorkerCount = 3, DefaultTimeout = Timeout.InfiniteTimeSpan });
        var tasks = Enumerable.Range(0, Inputs.Length).Select(i => Task.Run(() => host.SubmitAsync(Inputs[i]))).ToArray();
        for (int i = 0; i < tasks.Length; i++)
            Specification.Assert((await tasks[i]).BitEquals(Expected[i]), $"request {i} differs from the plan built alone");
        await host.DisposeAsync();
        Specification.Assert(compiled.PlansBuilt == 1, $"{compiled.PlansBuilt} plans built for one signature");
    }
}
