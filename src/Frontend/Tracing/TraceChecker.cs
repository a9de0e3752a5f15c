using TorchJit.Ir;

namespace TorchJit.Frontend;

/// <summary>
/// <c>torch.jit.trace</c>'s <c>check_inputs</c>: for each extra input set, the method is traced again and
/// both the first trace and the eager method run on it. Outputs that differ beyond tolerance raise a
/// <see cref="TracerWarning"/> ("Output nr 1. of the traced function does not match..."); a graph that
/// differs from the first (compared canonically: shapes erased, values renumbered), or tensor constants
/// that differ, raise a <see cref="TracingCheckException"/> with the diff and the first diverging operator.
/// </summary>
public static class TraceChecker
{
    /// <summary>Checks <paramref name="trace"/> of <paramref name="module"/>.<paramref name="methodName"/> on <paramref name="checkInputs"/>.</summary>
    /// <param name="module">The eager module that was traced.</param>
    /// <param name="methodName">The traced method.</param>
    /// <param name="trace">The first trace.</param>
    /// <param name="checkInputs">The input sets to check on.</param>
    /// <param name="tolerance">The relative tolerance (<c>check_tolerance</c>); the absolute one is the dtype's default.</param>
    /// <param name="onWarning">Receives output mismatch warnings (default: standard error).</param>
    /// <returns>The warnings raised (also given to <paramref name="onWarning"/>).</returns>
    /// <exception cref="TracingCheckException">The graphs or their tensor constants differ.</exception>
    public static IReadOnlyList<TracerWarning> Check(
        torch.nn.Module module,
        string methodName,
        TraceResult trace,
        IEnumerable<IReadOnlyList<Tensor>> checkInputs,
        double tolerance = 1e-5,
        Action<TracerWarning>? onWarning = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(checkInputs);
        // Mismatch warnings point at the user's call of the trace, as PyTorch's stacklevel does.
        var site = CallSite.Find();
        var warnings = new List<TracerWarning>();
        void Warn(TracerWarning w)
        {
            warnings.Add(w);
            if (onWarning is not null) onWarning(w);
            else Console.Error.WriteLine(w);
        }

        foreach (var inputs in checkInputs)
        {
            // The re-trace's own warnings repeat the first trace's, so they are dropped.
            var check = Tracer.TraceMethod(module, trace.Object, methodName, inputs, _ => { });
            var traced = Run("trace", () => TracedMethod.TensorsOf(RunGraph(trace, inputs)), trace.Graph, check.Graph);
            var eager = Run("C# function", () => TracedMethod.TensorsOf(TracedMethod.Find(module, methodName, inputs.Count).Invoke(module, inputs)), trace.Graph, check.Graph);
            bool warnedNondeterministic = false;
            void WarnMismatch(TracerWarning w)
            {
                // As PyTorch: a mismatch from a random op is the likely story, so say that first, once.
                if (!warnedNondeterministic && NondeterministicNodes(trace.Graph) is { } nodes)
                {
                    Warn(new TracerWarning(
                        "Trace had nondeterministic nodes. Did you forget call .eval() on your model? Nodes:\n" + nodes +
                        "\nThis may cause errors in trace checking. To disable trace checking, do not pass check inputs to Jit.Trace().",
                        site?.File,
                        site?.Line ?? 0));
                }

                warnedNondeterministic = true;
                Warn(w);
            }

            if (CompareOutputs(traced, eager, "C# function", tolerance, site, WarnMismatch))
            {
                var repeated = Run("repeated trace", () => TracedMethod.TensorsOf(RunGraph(check, inputs)), trace.Graph, check.Graph);
                CompareOutputs(traced, repeated, "repeated trace", tolerance, site, WarnMismatch);
            }

            var (graphDiff, tensorDiff) = Diagnose(trace.Graph, check.Graph);
            if (graphDiff is not null || tensorDiff is not null) throw new TracingCheckException(graphDiff, tensorDiff);
        }

        return warnings;
    }

    /// <summary>The graph diff (null when the canonical prints agree) and the first differing tensor constant (or null).</summary>
    public static (string? GraphDiff, string? TensorDiff) Diagnose(Graph first, Graph second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        string a = GraphPrinter.PrintCanonical(first), b = GraphPrinter.PrintCanonical(second);
        string? graphDiff = null;
        var firstNodes = first.Block.Nodes.ToList();
        var secondNodes = second.Block.Nodes.ToList();
        if (a != b)
        {
            graphDiff = "Graph diff:\n" + TracingCheckException.Indent(LineDiff.Ndiff(a, b)) + "\n";
            var aNodes = GraphPrinter.CanonicalNodes(first);
            var bNodes = GraphPrinter.CanonicalNodes(second);
            for (int i = 0; i < Math.Min(aNodes.Count, bNodes.Count); i++)
            {
                if (aNodes[i] == bNodes[i]) continue;
                graphDiff += "First diverging operator:\nNode diff:\n" + TracingCheckException.Indent(LineDiff.Ndiff(aNodes[i], bNodes[i])) + "\n";
                if (firstNodes[i].Source is { } s1) graphDiff += "Trace source location:\n" + TracingCheckException.Indent(s1.ToString()) + "\n";
                if (secondNodes[i].Source is { } s2) graphDiff += "Check source location:\n" + TracingCheckException.Indent(s2.ToString()) + "\n";
                break;
            }
        }

        string? tensorDiff = null;
        for (int i = 0; i < Math.Min(firstNodes.Count, secondNodes.Count); i++)
        {
            Node n = firstNodes[i], m = secondNodes[i];
            if (n.Kind != m.Kind) break; // the graphs have diverged already
            if (n.Kind != NodeKinds.Constant || n.Attribute("value") is not Tensor t1 || m.Attribute("value") is not Tensor t2) continue;
            if (TensorCloseness.Compare(t1, t2, 1.3e-6, TensorCloseness.DefaultAbsoluteTolerance(t1.DType)) is not { } error) continue;
            tensorDiff = "Node:\n" + TracingCheckException.Indent(GraphPrinter.PrintNode(n)) + "\n";
            if (n.Source is { } s) tensorDiff += "Source Location:\n" + TracingCheckException.Indent(s.ToString()) + "\n";
            tensorDiff += "Comparison exception: " + TracingCheckException.Indent(error);
            break;
        }

        return (graphDiff, tensorDiff);
    }

    // The random nodes of a trace, one per line (at most 20), or null; dropout with train=False is not random.
    private static string? NondeterministicNodes(Graph graph)
    {
        var nodes = graph.Block.Nodes
            .Where(n => n.Op is { } op && (op.Traits & OpTraits.Nondeterministic) != 0)
            .Where(n => !(n.Kind == "aten::dropout" && n.Inputs[2].Node.Kind == NodeKinds.Constant && n.Inputs[2].Node.Attribute("value") is false))
            .Take(20)
            .Select(n => TracingCheckException.Indent(GraphPrinter.PrintNode(n)))
            .ToArray();
        return nodes.Length == 0 ? null : string.Join("\n", nodes);
    }

    private static object? RunGraph(TraceResult trace, IReadOnlyList<Tensor> inputs)
    {
        var args = new IValue[inputs.Count + 1];
        args[0] = IValue.Object(trace.Object);
        for (int i = 0; i < inputs.Count; i++) args[i + 1] = IValue.From(inputs[i]);
        var result = Interpreter.Run(trace.Graph, args)[0];
        return result.Kind switch
        {
            IValueKind.Tensor => result.ToTensor(),
            IValueKind.Tuple => Tuple(result.ToTuple()),
            _ => null,
        };
    }

    // A graph's tuple result as the tensors it holds (the checker compares tensors only).
    private static System.Runtime.CompilerServices.ITuple Tuple(IValue[] elements) =>
        new TensorTuple(elements.Select(e => e.Kind == IValueKind.Tensor ? (object?)e.ToTensor() : null).ToArray());

    private static IReadOnlyList<Tensor> Run(string what, Func<IReadOnlyList<Tensor>> run, Graph first, Graph second)
    {
        try
        {
            return run();
        }
        catch (Exception e) when (e is not TracingCheckException)
        {
            var (graphDiff, tensorDiff) = Diagnose(first, second);
            throw new TracingCheckException(graphDiff, tensorDiff, $"Encountered an exception while running the {what} with test inputs.\nException:\n{TracingCheckException.Indent(e.Message)}");
        }
    }

    private static bool CompareOutputs(IReadOnlyList<Tensor> original, IReadOnlyList<Tensor> reference, string matchWhat, double tolerance, SourceLocation? site, Action<TracerWarning> warn)
    {
        bool ok = true;
        for (int i = 0; i < Math.Min(original.Count, reference.Count); i++)
        {
            var atol = Math.Max(TensorCloseness.DefaultAbsoluteTolerance(original[i].DType), TensorCloseness.DefaultAbsoluteTolerance(reference[i].DType));
            if (TensorCloseness.Compare(original[i], reference[i], tolerance, atol) is not { } error) continue;
            warn(new TracerWarning(
                $"Output nr {i + 1}. of the traced function does not match the corresponding output of the {matchWhat}. Detailed error:\n{error}",
                site?.File,
                site?.Line ?? 0));
            ok = false;
        }

        return ok;
    }

    private sealed class TensorTuple(object?[] items) : System.Runtime.CompilerServices.ITuple
    {
        public int Length => items.Length;

        public object? this[int index] => items[index];
    }
}
