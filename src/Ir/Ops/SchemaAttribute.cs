namespace TorchJit.Ir;

/// <summary>
/// Marks a static method as the implementation of an op and gives its schema. The method's parameters
/// follow the schema's arguments in order (Tensor, Tensor?, long, long?, double, bool, Scalar, long[]).
/// The registry reads these once; eager mode, the interpreter, the constant folder and codegen all call
/// the same method.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class SchemaAttribute(string schema, OpTraits traits = OpTraits.Pure) : Attribute
{
    /// <summary>The schema text.</summary>
    public string Schema { get; } = schema;

    /// <summary>The traits.</summary>
    public OpTraits Traits { get; } = traits;
}

/// <summary>
/// Marks an eager API member (a <see cref="Tensor"/> operator or method, a <c>torch.*</c> function) with
/// the op the scripter emits for it. Parameters map to the schema's arguments in order; missing trailing
/// arguments take their defaults.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Property, AllowMultiple = false)]
public sealed class OpAttribute(string qualifiedName, params string[] argumentNames) : Attribute
{
    /// <summary>The registry key, e.g. <c>aten::add.Scalar</c>.</summary>
    public string QualifiedName { get; } = qualifiedName;

    /// <summary>
    /// The schema argument each C# parameter binds to, when not simply in order (a reversed operator such
    /// as <c>10 * x</c> binds its parameters as <c>other, self</c>). Empty: in order.
    /// </summary>
    public IReadOnlyList<string> ArgumentNames { get; } = argumentNames;

    /// <summary>
    /// A schema argument the C# API does not expose, with the value the eager call passes for it
    /// (<c>"cudnn_enabled"</c> with <see cref="FixedValue"/> true for <c>batch_norm</c>), or null.
    /// </summary>
    public string? FixedArgument { get; init; }

    /// <summary>The value of <see cref="FixedArgument"/> (a bool, long or double).</summary>
    public object? FixedValue { get; init; }
}
