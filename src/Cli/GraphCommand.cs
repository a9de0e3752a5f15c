using System.Diagnostics;
using TorchJit.Ir;
using TorchJit.Passes;
using TorchJit.Zoo;

namespace TorchJit.Cli;

/// <summary>The stage of the pipeline whose graph <c>torchjit graph</c> shows.</summary>
internal enum GraphStage
{
    /// <summary>As <c>Jit.Trace</c> records it on the example input.</summary>
    Traced,

    /// <summary>As <c>Jit.Script</c> reads it.</summary>
    Scripted,

    /// <summary>After <c>Jit.Compile</c>'s passes (or up to <c>--pass</c>).</summary>
    Optimized,
}

/// <summary>How <c>torchjit graph</c> prints or draws.</summary>
internal enum GraphFormat
{
    /// <summary>TorchScript's graph text.</summary>
    Text,

    /// <summary>TorchScript's code text.</summary>
    Code,

    /// <summary>Graphviz source.</summary>
    Dot,

    /// <summary>Drawn by Graphviz.</summary>
    Svg,

    /// <summary>Drawn by Graphviz.</summary>
    Png,
}

/// <summary>
/// <c>torchjit graph --model &lt;name&gt; --stage traced|scripted|optimized [--pass &lt;name&gt;] --format
/// text|code|dot|svg|png [--out file]</c>: prints a zoo model's graph at a stage of the pipeline (optimized: after
/// the passes <c>Jit.Compile</c> runs at <c>--level</c>, or only up to the named pass), or draws it with Graphviz
/// (blocks as clusters). SVG and PNG need Graphviz's <c>dot</c> on the PATH (Debian: <c>apt install graphviz</c>);
/// without it the command says so and writes the .dot text instead.
/// </summary>
internal static class GraphCommand
{
    public static int Run(string model, GraphStage stage, OptLevel level, string? pass, GraphFormat format, FileInfo? output)
    {
        var zoo = ModelZoo.Get(model);
        var module = zoo.Create();
        module.eval();
        if (pass is not null) stage = GraphStage.Optimized;
        var scripted = stage == GraphStage.Traced ? Jit.Trace(module, zoo.ExampleInput()) : Jit.Script(module);
        var graph = stage == GraphStage.Optimized ? Optimize(scripted, level, pass) : scripted.ForwardGraph;
        if (graph is null) return 2;

        switch (format)
        {
            case GraphFormat.Text:
                return Write(graph.ToString(), output);
            case GraphFormat.Code:
                return Write(CodePrinter.Print("forward", graph, []), output);
            case GraphFormat.Dot:
                return Write(graph.ToDot(zoo.Name), output);
            default:
                string extension = format == GraphFormat.Svg ? "svg" : "png";
                return Render(graph.ToDot(zoo.Name), extension, output ?? new FileInfo($"{zoo.Name}.{extension}"));
        }
    }

    // Jit.Compile's pipeline (the lowering it always runs, then the level's passes), stopped after --pass if given.
    private static Graph? Optimize(ScriptModule scripted, OptLevel level, string? pass)
    {
        var graph = GraphCopy.Clone(scripted.ForwardGraph);
        var context = new PassContext { Self = scripted.Object };
        IGraphPass[] passes = [new Inline(), new Freeze(), new LowerTuples(), new EliminateDeadCode(), .. PassManager.ForLevel(level).Passes];
        if (pass is not null && !passes.Any(p => p.Name == pass))
        {
            Console.Error.WriteLine($"--pass: '{pass}' is not in the {level} pipeline; it runs: {string.Join(", ", passes.Select(p => p.Name).Distinct())}");
            return null;
        }

        foreach (var p in passes)
        {
            p.Run(graph, context);
            if (p.Name == pass) break;
        }

        return graph;
    }

    private static int Write(string text, FileInfo? output)
    {
        if (output is null)
        {
            Console.Write(text);
            return 0;
        }

        File.WriteAllText(output.FullName, text);
        Console.WriteLine($"wrote {output.FullName}");
        return 0;
    }

    private static int Render(string dot, string format, FileInfo output)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("dot", ["-T" + format, "-o", output.FullName])
            {
                RedirectStandardInput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
            process.StandardInput.Write(dot);
            process.StandardInput.Close();
            string errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                Console.Error.WriteLine($"dot failed ({process.ExitCode}): {errors}");
                return 1;
            }

            Console.WriteLine($"wrote {output.FullName}");
            return 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No Graphviz: keep the drawing's source so it can be rendered elsewhere.
            string fallback = Path.ChangeExtension(output.FullName, ".dot");
            File.WriteAllText(fallback, dot);
            Console.Error.WriteLine($"Graphviz 'dot' is not installed (Debian: apt install graphviz); wrote {fallback} instead");
            return 1;
        }
    }
}
