using System.CommandLine;
using TorchJit.Cli;

// The torchjit command. With no arguments it runs the demo: the trace-versus-script story, then a short
// eager-versus-compiled timing of the zoo's models and a short run of the inference host.
var root = new RootCommand("TorchJit: a TorchScript-style JIT compiler for .NET. With no command, runs 'demo'.");
var demo = new Command("demo", "The trace-versus-script story on CondModel and an MLP, then eager vs compiled timings.");
var seconds = new Option<double>("--seconds") { Description = "How long to time each model and mode.", DefaultValueFactory = _ => 0.5 };
demo.Options.Add(seconds);
demo.SetAction(result => Demo.Run(result.GetValue(seconds)));
root.Subcommands.Add(demo);

var passes = new Command("passes", "A zoo model's graph before the optimizer and after each pass that changed it, then its memory plan.");
var model = new Argument<string>("model") { Description = "A zoo model: cond, mlp, mlp512, cnn, transformer." };
var level = new Option<TorchJit.Passes.OptLevel>("--level") { Description = "Optimization level.", DefaultValueFactory = _ => TorchJit.Passes.OptLevel.O2 };
var trace = new Option<bool>("--trace") { Description = "Trace the model instead of scripting it." };
passes.Arguments.Add(model);
passes.Options.Add(level);
passes.Options.Add(trace);
passes.SetAction(result => PassesCommand.Run(result.GetValue(model)!, result.GetValue(level), result.GetValue(trace)));
root.Subcommands.Add(passes);

var graphCommand = new Command("graph", "Print a zoo model's graph at a stage of the pipeline, or draw it with Graphviz.");
var graphModel = new Option<string>("--model") { Description = "A zoo model: cond, chain, mlp, mlp512, cnn, transformer.", Required = true };
var graphStage = new Option<GraphStage>("--stage") { Description = "traced, scripted or optimized.", DefaultValueFactory = _ => GraphStage.Scripted };
var graphLevel = new Option<TorchJit.Passes.OptLevel>("--level") { Description = "The optimized stage's level.", DefaultValueFactory = _ => TorchJit.Passes.OptLevel.O2 };
var graphPass = new Option<string?>("--pass") { Description = "Stop the optimizer after this pass (kebab-case name, as TORCHJIT_LOG takes; implies --stage optimized)." };
var graphFormat = new Option<GraphFormat>("--format") { Description = "text, code, dot, svg or png (svg and png need Graphviz dot).", DefaultValueFactory = _ => GraphFormat.Text };
var graphOut = new Option<FileInfo?>("--out") { Description = "Write to this file (svg/png default: <model>.<format>)." };
foreach (var option in new Option[] { graphModel, graphStage, graphLevel, graphPass, graphFormat, graphOut }) graphCommand.Options.Add(option);
graphCommand.SetAction(result => GraphCommand.Run(
    result.GetValue(graphModel)!, result.GetValue(graphStage), result.GetValue(graphLevel), result.GetValue(graphPass), result.GetValue(graphFormat), result.GetValue(graphOut)));
root.Subcommands.Add(graphCommand);

var run = new Command("run", "Load-test the inference host on a zoo model: live progress, then throughput, latency percentiles, rejections, allocations and CPU use.");
var runModel = new Option<string>("--model") { Description = "A zoo model: cond, chain, mlp, mlp512, cnn, transformer.", DefaultValueFactory = _ => "mlp" };
var runMode = new Option<string>("--mode") { Description = "eager or compiled.", DefaultValueFactory = _ => "compiled" };
runMode.AcceptOnlyFromAmong("eager", "compiled");
var runThreads = new Option<int>("--threads") { Description = "Host workers (default: one per core).", DefaultValueFactory = _ => Environment.ProcessorCount };
var runBatch = new Option<int>("--batch") { Description = "Copies of the example input per request along dimension 0 (MLP: rows).", DefaultValueFactory = _ => 1 };
var runDuration = new Option<double>("--duration") { Description = "Seconds to measure, after the warm-up.", DefaultValueFactory = _ => 5 };
var runMaxBatch = new Option<int>("--max-batch") { Description = "Dynamic batching: requests per model call at most (1: off).", DefaultValueFactory = _ => 1 };
var runClients = new Option<int?>("--clients") { Description = "Concurrent callers, one request in flight each (default: 4 per worker)." };
var runQueue = new Option<int>("--queue") { Description = "Queue capacity.", DefaultValueFactory = _ => 1024 };
var runReject = new Option<bool>("--reject") { Description = "Reject when the queue is full (default: wait)." };
var runTimeout = new Option<double>("--timeout") { Description = "Request timeout in milliseconds.", DefaultValueFactory = _ => 10_000 };
var runInline = new Option<bool>("--inline") { Description = "Run callers' continuations on the workers (no thread-pool hop)." };
var runWarmUp = new Option<double>("--warm-up") { Description = "Seconds of load before measuring.", DefaultValueFactory = _ => 1 };
var runJson = new Option<bool>("--json") { Description = "Print the result as JSON, without live progress." };
foreach (var option in new Option[] { runModel, runMode, runThreads, runBatch, runDuration, runMaxBatch, runClients, runQueue, runReject, runTimeout, runInline, runWarmUp, runJson }) run.Options.Add(option);
run.SetAction((result, _) =>
{
    int threads = result.GetValue(runThreads);
    var settings = new LoadSettings(
        result.GetValue(runModel)!, result.GetValue(runMode) == "compiled", threads, result.GetValue(runBatch), result.GetValue(runDuration),
        result.GetValue(runMaxBatch), result.GetValue(runClients) ?? 4 * threads, result.GetValue(runQueue),
        result.GetValue(runReject) ? TorchJit.Hosting.FullQueueMode.Reject : TorchJit.Hosting.FullQueueMode.Wait,
        result.GetValue(runTimeout), result.GetValue(runInline), result.GetValue(runWarmUp));
    return RunCommand.RunAsync(settings, result.GetValue(runJson));
});
root.Subcommands.Add(run);

var compileCommand = new Command("compile", "Compile a zoo model, build its plan for the example input, and print the plan (and with --dump-il, the emitted IL).");
var compileModel = new Option<string>("--model") { Description = "A zoo model: cond, chain, mlp, mlp512, cnn, transformer.", Required = true };
var compileLevel = new Option<TorchJit.Passes.OptLevel>("--level") { Description = "Optimization level.", DefaultValueFactory = _ => TorchJit.Passes.OptLevel.O2 };
var compileWidth = new Option<TorchJit.Kernels.VectorWidth>("--width") { Description = "Vector width of fused loops: Best, Scalar, V128, V256, V512.", DefaultValueFactory = _ => TorchJit.Kernels.VectorWidth.Best };
var dumpIL = new Option<bool>("--dump-il") { Description = "Print the IL of every emitted method (as TORCHJIT_DUMP_IL=* does)." };
compileCommand.Options.Add(compileModel);
compileCommand.Options.Add(compileLevel);
compileCommand.Options.Add(compileWidth);
compileCommand.Options.Add(dumpIL);
compileCommand.SetAction(result => CompileCommand.Run(result.GetValue(compileModel)!, result.GetValue(compileLevel), result.GetValue(compileWidth), result.GetValue(dumpIL)));
root.Subcommands.Add(compileCommand);
root.SetAction(_ => Demo.Run(0.5));
return root.Parse(args).Invoke();
