
namespace TorchJit.Benchmarks.Suite;

/// <summary>
/// <c>--allocations</c>: bytes allocated per compiled (O2) call into a pre-allocated output, after 300 warm calls
/// (past tiered compilation's call counting), counted two ways over 200 calls: on the calling thread, and
/// process-wide (what BenchmarkDotNet's MemoryDiagnoser reports, which includes the runtime's own threads).
/// </summary>
public static class AllocationCheck
{
    public static int Run()
    {
        SuiteBenchmark[] workloads =
        [
            new SuiteCond(), new SuiteMlp { Batch = 1 }, new SuiteMlp { Batch = 64 }, new SuiteChain(), new SuiteGemm { N = 256 },
            new SuiteCnn { Batch = 1 }, new SuiteCnn { Batch = 32 }, new SuiteTransformer(),
        ];
        Console.WriteLine("| workload | threads | calling thread, B/call | process-wide, B/call |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var w in workloads)
        {
            foreach (int threads in new[] { 1, 2 })
            {
                w.Threads = threads;
                w.Setup();
                for (int i = 0; i < 300; i++) w.Compiled();
                const int calls = 200;
                long thread = GC.GetAllocatedBytesForCurrentThread();
                long total = GC.GetTotalAllocatedBytes(precise: true);
                for (int i = 0; i < calls; i++) w.Compiled();
                double perThread = (GC.GetAllocatedBytesForCurrentThread() - thread) / (double)calls;
                double perProcess = (GC.GetTotalAllocatedBytes(precise: true) - total) / (double)calls;
                w.Cleanup();
                Console.WriteLine(FormattableString.Invariant($"| {w.GetType().Name} {Describe(w)} | {threads} | {perThread:F1} | {perProcess:F1} |"));
            }
        }

        return 0;
    }

    private static string Describe(SuiteBenchmark w) => w switch
    {
        SuiteMlp m => $"b{m.Batch}",
        SuiteCnn c => $"b{c.Batch}",
        SuiteGemm g => $"N={g.N}",
        _ => "",
    };
}
