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
    internal OpDef(OpSchema schema, OpTraits traits, MethodInfo implementation, OpInvoker invoker, OutputTypeFunction? outputType, MethodInfo? outImplementation = null)
    {
        OutImplementation = outImplementation;
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

    /// <summary>
    /// The op's out variant (PyTorch's <c>.out</c> overloads, as its static runtime uses them), or null: a
    /// static method named like <see cref="Implementation"/> plus <c>_out</c>, with the same parameters and a
    /// last <c>Tensor out</c>, returning void. Compiled plans call it to write into a buffer of the call's arena
    /// instead of allocating the result.
    /// </summary>
    /// <remarks>
    /// The contract: <c>out</c> is contiguous, of the result's dtype and exact shape (from shape inference on
    /// the call's input signature); the method writes every element, gives the same bits as
    /// <see cref="Implementation"/>, validates its inputs with the same messages, and allocates nothing in
    /// steady state. <c>out</c> never partly overlaps an input; for <see cref="OpTraits.Elementwise"/> ops it
    /// may be exactly an input of the same shape (in place).
    /// </remarks>
    public MethodInfo? OutImplementation { get; }

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
