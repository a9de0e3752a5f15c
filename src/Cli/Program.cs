using System.CommandLine;
using TorchJit.Cli;

// The torchjit command. With no arguments it runs the demo: the trace-versus-script story, then a short
// eager-versus-compiled timing of the zoo's models.
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

var graphCommand = new Command("graph", "Print a zoo model's graph, or draw it with Graphviz (--out file.svg/.png/.dot).");
var graphModel = new Argument<string>("model") { Description = "A zoo model: cond, mlp, mlp512, cnn, transformer." };
var graphLevel = new Option<TorchJit.Passes.OptLevel?>("--level") { Description = "Show the graph optimized at this level (default: as scripted or traced)." };
var graphTrace = new Option<bool>("--trace") { Description = "Trace the model instead of scripting it." };
var graphOut = new Option<FileInfo?>("--out") { Description = "Write a drawing: .svg or .png (needs Graphviz dot), or .dot." };
graphCommand.Arguments.Add(graphModel);
graphCommand.Options.Add(graphLevel);
graphCommand.Options.Add(graphTrace);
graphCommand.Options.Add(graphOut);
graphCommand.SetAction(result => GraphCommand.Run(result.GetValue(graphModel)!, result.GetValue(graphLevel), result.GetValue(graphTrace), result.GetValue(graphOut)));
root.Subcommands.Add(graphCommand);
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
