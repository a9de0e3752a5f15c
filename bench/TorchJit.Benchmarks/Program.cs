using BenchmarkDotNet.Running;
using TorchJit.Benchmarks.Suite;

// dotnet run -c Release --project bench/TorchJit.Benchmarks -- --filter '*'
// dotnet run -c Release --project bench/TorchJit.Benchmarks -- --suite short|full [workload...]   (issue 7: TorchJit beside ONNX Runtime)
// dotnet run -c Release --project bench/TorchJit.Benchmarks -- --allocations                       (bytes per compiled call, per thread and process-wide)
if (args is ["--allocations"])
    return AllocationCheck.Run();
if (args.Length >= 2 && args[0] == "--suite")
    return SuiteRunner.Run(args[1], args[2..], Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "results"));
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
