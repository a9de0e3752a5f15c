using Spectre.Console;
using TorchJit.Zoo;
using static TorchJit.torch;

namespace TorchJit.Cli;

/// <summary>The story of the README, step by step, printed as it runs, then a short run of the inference host.</summary>
internal static class Demo
{
    private const string CondSource = """
        sealed class CondModel : nn.Module<Tensor, Tensor>
        {
            public override Tensor forward(Tensor x)
            {
                if (x.sum() > 10) return x;
                else return x + 10;
            }
        }
        """;

    public static int Run(double seconds)
    {
        AnsiConsole.Write(new Rule("[bold]TorchJit: tracing versus scripting[/]"));
        AnsiConsole.Write(new Panel(new Text(CondSource)).Header("The model (src/Zoo/CondModel.cs)"));
        var model = new CondModel();
        manual_seed(0);
        var example = rand(2, 3);

        Step("1. Jit.Trace(model, torch.rand(2, 3)) runs the model once and records the ops");
        var traced = Jit.Trace(model, example, w => AnsiConsole.MarkupLine("[yellow]" + Markup.Escape(w.ToString()) + "[/]"));
        Show("traced.Graph", traced.Graph);
        Show("traced.Code", traced.Code);

        Step("2. Jit.Script(model) reads the compiled IL of forward and keeps the branch");
        var scripted = Jit.Script(model);
        Show("scripted.Graph", scripted.Graph);
        Show("scripted.Code", scripted.Code);

        Step("3. Eager, traced and scripted on two inputs");
        var fives = ones(2, 3) * 5;
        var compiled = Jit.Compile(model);
        var table = new Table().AddColumns("input", "x.sum()", "eager", "traced", "scripted", "compiled");
        foreach (var (name, x) in new[] { ("torch.rand(2, 3)", example), ("torch.ones(2, 3) * 5", fives) })
        {
            table.AddRow(name, x.sum().item().ToDouble().ToString("0.###"), Row(model.forward(x)), Row(traced.forward(x)), Row(scripted.forward(x)), Row(compiled.forward(x)));
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine("On ones * 5 the sum is 30, so the model returns x (5s); the trace took the other branch at tracing time and [red]silently returns 15s[/].");

        Step("4. Jit.Compile(model): script, optimize, emit IL");
        Show("compiled graph (CondModel)", compiled.OptimizedGraph.ToString());
        var mlp = ModelZoo.Mlp();
        var compiledMlp = Jit.Compile(mlp);
        Show("compiled graph (MLP: Linear(784, 128) -> ReLU -> Linear(128, 10)): weights frozen into constants", compiledMlp.OptimizedGraph.ToString());
        var check = new Table().AddColumns("MLP mode", "equals eager on 100 random inputs");
        var tracedMlp = Jit.Trace(mlp, rand(1, 784));
        var scriptedMlp = Jit.Script(mlp);
        var inputs = Enumerable.Range(0, 100).Select(_ => randn(1, 784)).ToArray();
        foreach (var (name, m) in new (string, nn.Module<Tensor, Tensor>)[] { ("traced", tracedMlp), ("scripted", scriptedMlp), ("compiled", compiledMlp) })
            check.AddRow(name, inputs.All(x => mlp.forward(x).BitEquals(m.forward(x))) ? "[green]bit for bit[/]" : "[red]NO[/]");
        AnsiConsole.Write(check);

        Step($"5. Eager versus compiled, {seconds:0.##} s per model, medians of interleaved rounds (bench/ has the BenchmarkDotNet figures)");
        var timing = new Table().AddColumns("model", "eager µs/call", "compiled µs/call", "compiled / eager");
        foreach (var (name, eager, fast, x) in new (string, nn.Module<Tensor, Tensor>, nn.Module<Tensor, Tensor>, Tensor)[]
                 { ("CondModel 2x3", model, compiled, example), ("MLP 1x784", mlp, compiledMlp, rand(1, 784)) })
        {
            var (e, c) = Timing.Compare(() => eager.forward(x), () => fast.forward(x), seconds);
            timing.AddRow(name, e.ToString("0.00"), c.ToString("0.00"), (c / e).ToString("0.00"));
        }

        AnsiConsole.Write(timing);

        Step("6. The inference host: the compiled MLP served by one worker per core to 8 concurrent callers (torchjit run does more)");
        var settings = new LoadSettings("mlp", Compiled: true, Threads: Environment.ProcessorCount, Batch: 1, Duration: Math.Max(0.5, 2 * seconds),
            MaxBatch: 1, Clients: 8, Queue: 1024, TorchJit.Hosting.FullQueueMode.Wait, TimeoutMs: 10_000, Inline: false, WarmUp: 0.5);
        AnsiConsole.Write(RunCommand.Table(new LoadTest(settings).RunAsync(null).GetAwaiter().GetResult()));
        return 0;
    }

    private static void Step(string title) => AnsiConsole.Write(new Rule("[bold blue]" + Markup.Escape(title) + "[/]").LeftJustified());

    private static void Show(string title, string text) => AnsiConsole.Write(new Panel(new Text(text.TrimEnd())).Header(Markup.Escape(title)).Expand());

    private static string Row(Tensor t) => Markup.Escape(string.Join(" ", t.ToArray().Take(3).Select(v => v.ToString("0.##"))) + " …");
}
