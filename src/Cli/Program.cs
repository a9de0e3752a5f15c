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
root.SetAction(_ => Demo.Run(0.5));
return root.Parse(args).Invoke();
