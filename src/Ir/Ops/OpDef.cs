using System.Reflection;

namespace TorchJit.Ir;

/// <summary>Calls an op's implementation on interpreter values.</summary>
public delegate IValue OpInvoker(IValue[] args);

/// <summary>Infers an op's output type from its input types (null entries: unknown).</summary>
public delegate JitType OutputTypeFunction(IReadOnlyList<JitType> inputs, IReadOnlyList<IValue?> constants);

/// <summary>
/// One op, defined once: schema, traits, the static implementation method (called directly by eager
/// mode and codegen, through <see cref="Invoke"/> by the interpreter and constant folder) and its
/// output-type function for shape specialization.
/// </summary>
public sealed class OpDef
{
    internal OpDef(OpSchema schema, OpTraits traits, MethodInfo implementation, OpInvoker invoker, OutputTypeFunction? outputType)
    {
        Schema = schema;
        Traits = traits;
        Implementation = implementation;
        Invoke = invoker;
        OutputType = outputType;
    }

    /// <summary>The schema.</summary>
    public OpSchema Schema { get; }

    /// <summary>The traits.</summary>
    public OpTraits Traits { get; }

    /// <summary>The static C# method implementing the op.</summary>
    public MethodInfo Implementation { get; }

    /// <summary>Runs the implementation on interpreter values (one per schema argument).</summary>
    public OpInvoker Invoke { get; }

    /// <summary>Refines the output type from input types for specialization, if the op has one.</summary>
    public OutputTypeFunction? OutputType { get; }

    /// <summary>The registry key (<c>aten::add.Tensor</c>).</summary>
    public string QualifiedName => Schema.QualifiedName;

    /// <summary>True when the op may be folded or removed.</summary>
    public bool IsPure => (Traits & OpTraits.Pure) != 0 && (Traits & OpTraits.Nondeterministic) == 0;

    /// <inheritdoc/>
    public override string ToString() => Schema.Text;
}
