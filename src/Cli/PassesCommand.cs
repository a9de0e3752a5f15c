using Spectre.Console;
using TorchJit.Ir;
using TorchJit.Passes;
using TorchJit.Zoo;

namespace TorchJit.Cli;

/// <summary>
/// <c>torchjit passes &lt;model&gt;</c>: the graph of a zoo model before the pipeline and after every pass that
/// changed it (what <c>TORCHJIT_LOG</c> shows, for one model), then the memory plan of the result.
/// </summary>
internal static class PassesCommand
{
    public static int Run(string model, OptLevel level, bool trace)
    {
        var zoo = ModelZoo.Get(model);
        var module = zoo.Create();
        module.eval();
        var example = zoo.ExampleInput();
        var scripted = trace ? Jit.Trace(module, example) : Jit.Script(module);
        var graph = GraphCopy.Clone(scripted.ForwardGraph);
        AnsiConsole.Write(new Rule($"[bold]{zoo.Name}[/]: {(trace ? "traced" : "scripted")} graph"));
        Console.WriteLine(graph);

        var context = new PassContext
        {
            Self = scripted.Object,
            AfterPass = (pass, g, changed) =>
            {
                if (!changed) return;
                AnsiConsole.Write(new Rule($"after [bold]{pass.Name}[/]"));
                Console.WriteLine(g);
            },
        };
        new PassManager([new Inline(), new Freeze(), new EliminateDeadCode()]).Run(graph, context);
        PassManager.ForLevel(level).Run(graph, context);

        AnsiConsole.Write(new Rule("memory plan for the example input"));
        var types = graph.Inputs.Select((v, i) => i == 0 ? v.Type : (JitType)TensorType.Of(example)).ToList();
        try
        {
            Console.WriteLine(MemoryPlanner.Plan(graph, types).Describe());
        }
        catch (ArgumentException e)
        {
            Console.WriteLine($"no plan: {e.Message}");
        }

        return 0;
    }
}
