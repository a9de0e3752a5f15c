using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/TorchJit.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
