using System.Diagnostics;
using TorchJit.Ir;
using TorchJit.Passes;
using TorchJit.Zoo;

namespace TorchJit.Cli;

/// <summary>
/// <c>torchjit graph &lt;model&gt; [--level O2] [--trace] [--out file.svg|.png|.dot]</c>: prints a zoo model's
/// graph, or draws it with Graphviz (blocks as clusters). SVG and PNG need Graphviz's <c>dot</c> on the PATH
/// (Debian: <c>apt install graphviz</c>); without it the command says so and writes the .dot text instead.
/// </summary>
internal static class GraphCommand
{
    public static int Run(string model, OptLevel? level, bool trace, FileInfo? output)
    {
        var zoo = ModelZoo.Get(model);
        var module = zoo.Create();
        module.eval();
        var scripted = trace ? Jit.Trace(module, zoo.ExampleInput()) : Jit.Script(module);
        var graph = level is { } l ? Jit.Compile(scripted, l).OptimizedGraph : scripted.ForwardGraph;
        if (output is null)
        {
            Console.Write(graph);
            return 0;
        }

        string dot = graph.ToDot(zoo.Name);
        string format = output.Extension.TrimStart('.').ToLowerInvariant();
        if (format == "dot")
        {
            File.WriteAllText(output.FullName, dot);
            Console.WriteLine($"wrote {output.FullName}");
            return 0;
        }

        if (format is not ("svg" or "png"))
        {
            Console.Error.WriteLine($"--out: unknown format '.{format}'; use .svg, .png or .dot");
            return 2;
        }

        return Render(dot, format, output);
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
