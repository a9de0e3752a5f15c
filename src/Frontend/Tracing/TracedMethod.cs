using System.Reflection;
using System.Runtime.ExceptionServices;

namespace TorchJit.Frontend;

/// <summary>
/// A C# method a trace runs: found by name on the module's type, with tensor parameters only. Its
/// parameter names become the graph's input names (<c>%x</c>), as Python's argument names do.
/// </summary>
internal sealed class TracedMethod
{
    private readonly MethodInfo method;

    private TracedMethod(MethodInfo method)
    {
        this.method = method;
        ParameterNames = method.GetParameters().Select((p, i) => p.Name ?? "argument_" + (i + 1)).ToArray();
    }

    public IReadOnlyList<string> ParameterNames { get; }

    public static TracedMethod Find(torch.nn.Module module, string name, int arity)
    {
        var candidates = module.GetType()
            .GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.Name == name && !m.IsGenericMethodDefinition)
            .ToList();
        if (candidates.Count == 0)
            throw new ArgumentException($"trace: {module.GetType().Name} has no public method '{name}'", nameof(name));
        var match = candidates.FirstOrDefault(m => m.GetParameters() is var ps && ps.Length == arity && ps.All(p => p.ParameterType == typeof(Tensor)));
        return match is not null
            ? new TracedMethod(match)
            : throw new ArgumentException(
                $"trace: {module.GetType().Name}.{name} must take {arity} tensor{(arity == 1 ? "" : "s")} (one per example input); found " +
                string.Join(", ", candidates.Select(m => $"{name}({string.Join(", ", m.GetParameters().Select(p => p.ParameterType.Name))})")),
                nameof(name));
    }

    public object? Invoke(torch.nn.Module module, IReadOnlyList<Tensor> inputs)
    {
        try
        {
            return method.Invoke(module, [.. inputs]);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            // The user's exception, with its own stack trace, not reflection's wrapper.
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    /// <summary>The tensors of a result, as <c>torch.jit.trace</c>'s checker compares them: the result itself, or each tensor of a tuple.</summary>
    public static IReadOnlyList<Tensor> TensorsOf(object? result) => result switch
    {
        Tensor t => [t],
        System.Runtime.CompilerServices.ITuple tuple => Enumerable.Range(0, tuple.Length).Select(i => tuple[i]).OfType<Tensor>().ToArray(),
        _ => [],
    };
}
