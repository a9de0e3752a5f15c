using Microsoft.Coyote;
using Microsoft.Coyote.SystematicTesting;

namespace TorchJit.Host.Coyote.Tests;

/// <summary>Runs a test body under Coyote's systematic scheduler for many iterations and fails with the bug trace.</summary>
internal static class Systematic
{
    public const uint Iterations = 1000;

    public static void Run(Func<Task> test, uint iterations = Iterations, Xunit.Abstractions.ITestOutputHelper? output = null)
    {
        TorchJit.Hosting.WorkQueue.SpinsBeforeSleep = 1; // see the field: puts the sleep window within Coyote's reach
        var configuration = Configuration.Create()
            .WithTestingIterations(iterations)
            .WithMaxSchedulingSteps(20_000)
            .WithPotentialDeadlocksReportedAsBugs(true)
            .WithPartiallyControlledConcurrencyAllowed(false)
            // Scheduling points at every Interlocked, Volatile, field and concurrent-collection access, and at
            // branches on them, not only at tasks, threads and semaphores: the host's protocols are made of those
            // (off by default in Coyote).
            .WithAtomicOperationRaceCheckingEnabled(true)
            .WithVolatileOperationRaceCheckingEnabled(true)
            .WithCollectionAccessRaceCheckingEnabled(true)
            .WithMemoryAccessRaceCheckingEnabled(true)
            .WithControlFlowRaceCheckingEnabled(true)
            .WithUncontrolledInvocationStackTraceLoggingEnabled(true);
        if (Environment.GetEnvironmentVariable("TORCHJIT_COYOTE_VERBOSE") == "1")
            configuration = configuration.WithVerbosityEnabled(Microsoft.Coyote.Logging.VerbosityLevel.Debug).WithConsoleLoggingEnabled(true);
        using var engine = TestingEngine.Create(configuration, test);
        // Without rewriting Coyote would run the body uncontrolled and find nothing: refuse to pass that way.
        Assert.True(engine.IsTestRewritten(), "the test assembly was not rewritten by coyote rewrite");
        engine.Run();
        var report = engine.TestReport;
        output?.WriteLine(engine.GetReport());
        if (report.NumOfFoundBugs > 0 && Environment.GetEnvironmentVariable("TORCHJIT_COYOTE_TRACE") is { Length: > 0 } path)
            File.WriteAllText(path, engine.ReadableTrace);
        Assert.True(report.NumOfFoundBugs == 0, $"Coyote found a bug: {string.Join("; ", report.BugReports)}\n{engine.ReadableTrace}");
        Assert.Equal((int)iterations, report.NumOfExploredFairPaths + report.NumOfExploredUnfairPaths);
    }
}
