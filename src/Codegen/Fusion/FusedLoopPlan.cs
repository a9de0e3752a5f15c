using TorchJit.Kernels;

namespace TorchJit.Codegen;

/// <summary>
/// Everything the IL writer needs to know about one specialized fusion group, decided up front by
/// <see cref="FusedLoopLowering"/>: how each input is read, the ops in order with their operator structs, which
/// step each output stores, and the loop geometry. The writer (<see cref="FusedLoopEmitter"/>) only walks it.
/// </summary>
/// <param name="Width">The vector width of the main loop (never <see cref="VectorWidth.Best"/>).</param>
/// <param name="Lanes">Floats per vector at <paramref name="Width"/> (1 for scalar: everything runs in the tail loop).</param>
/// <param name="Unroll">Vectors per iteration of the main loop.</param>
/// <param name="Shape">The group's output shape.</param>
/// <param name="Total">Elements of <paramref name="Shape"/>.</param>
/// <param name="Period">Elements per row: the period of the <see cref="FusedOperandKind.Row"/> inputs, or <paramref name="Total"/> when there are none (one flat loop).</param>
/// <param name="Inputs">One per subgraph input, in order.</param>
/// <param name="Constants">Values of the subgraph's number constants, indexed by <see cref="FusedSourceKind.Constant"/> sources.</param>
/// <param name="Steps">The group's ops in order.</param>
/// <param name="Outputs">For each subgraph output, the step whose result it stores.</param>
internal sealed record FusedLoopPlan(
    VectorWidth Width,
    int Lanes,
    int Unroll,
    int[] Shape,
    int Total,
    int Period,
    FusedInput[] Inputs,
    float[] Constants,
    FusedStep[] Steps,
    int[] Outputs)
{
    /// <summary>True when the loop walks rows of <see cref="Period"/> elements (some input is a <see cref="FusedOperandKind.Row"/>).</summary>
    public bool HasRows => Period != Total;

    /// <summary>The method's parameter types: the inputs', then one tensor per output.</summary>
    public Type[] ParameterTypes()
    {
        var types = new Type[Inputs.Length + Outputs.Length];
        for (int i = 0; i < Inputs.Length; i++) types[i] = Inputs[i].Parameter;
        for (int i = Inputs.Length; i < types.Length; i++) types[i] = typeof(Tensor);
        return types;
    }
}

/// <summary>One subgraph input of a plan.</summary>
/// <param name="Kind">How the loop reads it.</param>
/// <param name="Parameter">The method parameter's type: <see cref="Tensor"/>, <see cref="double"/> or <see cref="long"/>.</param>
/// <param name="Elements">Elements of a tensor input (the group's total for Full, the period for Row, 1 for a one-element tensor).</param>
/// <param name="Used">False for an input no step reads: the writer never touches its argument.</param>
internal readonly record struct FusedInput(FusedOperandKind Kind, Type Parameter, int Elements, bool Used)
{
    /// <summary>True for a tensor the loop reads element by element (Full or Row).</summary>
    public bool IsStreamed => Kind != FusedOperandKind.Scalar;
}

/// <summary>Where a step's operand comes from.</summary>
internal enum FusedSourceKind
{
    /// <summary>A subgraph input (its index).</summary>
    Input,

    /// <summary>A number constant of the subgraph (its index in <see cref="FusedLoopPlan.Constants"/>).</summary>
    Constant,

    /// <summary>An earlier step's result (its index).</summary>
    Step,
}

/// <summary>An operand of a step.</summary>
internal readonly record struct FusedSource(FusedSourceKind Kind, int Index);

/// <summary>One op of the group: its operator struct applied to its operands.</summary>
/// <param name="Kind">The aten op, for messages.</param>
/// <param name="Operator">An <see cref="IUnaryOperator"/> or <see cref="IBinaryOperator"/> struct.</param>
/// <param name="Operands">One or two sources.</param>
internal sealed record FusedStep(string Kind, Type Operator, FusedSource[] Operands);
