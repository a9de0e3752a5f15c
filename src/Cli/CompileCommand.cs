using TorchJit.Codegen.Emit;
using TorchJit.Kernels;
using TorchJit.Passes;
using TorchJit.Zoo;

namespace TorchJit.Cli;

/// <summary>
/// <c>torchjit compile --model &lt;name&gt;</c>: compiles a zoo model, builds its plan for the example input and
/// prints what the plan decided (arena, views, fused loops, what still allocates); with <c>--dump-il</c> also the
/// IL of every emitted method (the plan and each fusion group's loop), stack-checked.
/// </summary>
internal static class CompileCommand
{
    public static int Run(string model, OptLevel level, VectorWidth width, bool dumpIL)
    {
        var zoo = ModelZoo.Get(model);
        if (dumpIL)
        {
            ILDump.Selection = "*";
            ILDump.Writer = Console.Out;
        }

        var started = System.Diagnostics.Stopwatch.StartNew();
        var compiled = Jit.Compile(zoo.Create(), level, width: width);
        var compileTime = started.Elapsed;
        var input = zoo.ExampleInput();
        started.Restart();
        var output = compiled.forward(input);
        var planTime = started.Elapsed;
        Console.WriteLine($"{zoo.Name}: {zoo.Description}");
        Console.WriteLine($"compiled at {level} in {compileTime.TotalMilliseconds:F1} ms; plan for {input.Describe()} built and run in {planTime.TotalMilliseconds:F1} ms (vector width {VectorWidths.Resolve(width)})");
        Console.WriteLine($"plan: {compiled.Describe()}");
        Console.WriteLine($"output: {output.Describe()}");
        return 0;
    }
}
