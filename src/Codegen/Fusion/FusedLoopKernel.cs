using System.Reflection;
using System.Reflection.Emit;
using TorchJit.Codegen.Emit;
using TorchJit.Ir;
using TorchJit.Kernels;

namespace TorchJit.Codegen;

/// <summary>
/// A <c>prim::FusionGroup</c> subgraph compiled to one SIMD loop for static input types: every op is a call of
/// its operator struct's static <c>Invoke</c> (which the JIT inlines), intermediates stay in registers, and a
/// call allocates nothing. Results are bit-identical to <see cref="FusedElementwise"/> (and so to eager) at
/// every vector width, since the operators compute the same bits at every width.
/// </summary>
/// <remarks>
/// <see cref="Method"/> is a static <c>void (inputs..., outputs...)</c>: per subgraph input a
/// <see cref="Tensor"/>, a <see cref="double"/> (float numbers) or a <see cref="long"/> (ints), converted to
/// float as the sweep does; then per subgraph output a caller-allocated contiguous float32 tensor of
/// <see cref="Shape"/>, which the loop writes in full. Tensor inputs must be contiguous float32 and either of
/// the group's shape (<see cref="FusedOperandKind.Full"/>), one element (<see cref="FusedOperandKind.Scalar"/>),
/// or a row repeating along the leading dimensions (<see cref="FusedOperandKind.Row"/>); element counts are
/// checked once per call. An output may be the same tensor as a Full input.
/// </remarks>
public sealed class FusedLoopKernel
{
    private readonly FusedLoopPlan plan;

    private FusedLoopKernel(DynamicMethod method, FusedLoopPlan plan)
    {
        Method = method;
        this.plan = plan;
        var operands = new FusedOperandKind[plan.Inputs.Length];
        for (int i = 0; i < operands.Length; i++) operands[i] = plan.Inputs[i].Kind;
        Operands = operands;
    }

    /// <summary>The compiled loop, a static <see cref="DynamicMethod"/> (see the remarks for its parameters).</summary>
    public MethodInfo Method { get; }

    /// <summary>How the loop reads each subgraph input.</summary>
    public IReadOnlyList<FusedOperandKind> Operands { get; }

    /// <summary>The group's output shape: the broadcast of the input shapes.</summary>
    public int[] Shape => (int[])plan.Shape.Clone();

    /// <summary>The vector width of the main loop (<see cref="VectorWidth.Best"/> resolved to this machine's widest).</summary>
    public VectorWidth Width => plan.Width;

    /// <summary>
    /// Compiles <paramref name="subgraph"/> for <paramref name="inputTypes"/> at <paramref name="width"/>. Null,
    /// with <paramref name="whyNot"/> saying why, when the group does not fit a single loop: non-float32 or
    /// non-contiguous tensors, broadcasts other than scalar or row, rows of different periods, ops the fuser
    /// does not know.
    /// </summary>
    /// <param name="subgraph">A fusion group's subgraph (the <c>Subgraph</c> attribute of a <c>prim::FusionGroup</c>).</param>
    /// <param name="inputTypes">One per subgraph input: a complete tensor type (dtype and sizes; strides, if given, must be contiguous), or <see cref="IntType"/> / <see cref="FloatType"/> for a number.</param>
    /// <param name="width">The main loop's vector width; <see cref="VectorWidth.Best"/> is this machine's widest. A forced width is kept even where the hardware emulates it.</param>
    /// <param name="name">The method's name, for stack traces and IL dumps.</param>
    /// <param name="whyNot">Null on success; otherwise why the group was not compiled.</param>
    public static FusedLoopKernel? TryCompile(Graph subgraph, IReadOnlyList<JitType> inputTypes, VectorWidth width, string name, out string? whyNot)
    {
        ArgumentNullException.ThrowIfNull(subgraph);
        ArgumentNullException.ThrowIfNull(inputTypes);
        if (FusedLoopLowering.Lower(subgraph, inputTypes, width, out whyNot) is not { } plan) return null;
        var (method, il) = OpenMethod(name, plan.ParameterTypes());
        FusedLoopEmitter.Emit(il, plan);
        ILDump.Close(il);
        return new FusedLoopKernel(method, plan);
    }

    /// <summary>
    /// Runs the loop on <paramref name="inputs"/> (tensors and numbers, one per subgraph input) into freshly
    /// allocated outputs: a convenience for tests and the interpreter; compiled code calls <see cref="Method"/>.
    /// </summary>
    public IValue[] Run(IValue[] inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Length != plan.Inputs.Length) throw new ArgumentException($"fused loop takes {plan.Inputs.Length} inputs, got {inputs.Length}");
        var args = new object[plan.Inputs.Length + plan.Outputs.Length];
        for (int i = 0; i < inputs.Length; i++)
        {
            var p = plan.Inputs[i].Parameter;
            args[i] = p == typeof(Tensor) ? inputs[i].ToTensor().contiguous() : p == typeof(double) ? (object)inputs[i].ToDouble() : (object)inputs[i].ToInt();
        }

        var results = new IValue[plan.Outputs.Length];
        for (int j = 0; j < results.Length; j++)
        {
            var output = Tensor.Empty(DType.Float32, plan.Shape);
            args[plan.Inputs.Length + j] = output;
            results[j] = IValue.From(output);
        }

        try
        {
            Method.Invoke(null, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is { } inner)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(inner);
        }

        return results;
    }

    // The one place that makes the method and its emitter: swap in a recording emitter here to dump the IL.
    private static (DynamicMethod Method, IILEmitter Emitter) OpenMethod(string name, Type[] parameters)
    {
        var method = new DynamicMethod(name, typeof(void), parameters, typeof(FusedLoopKernel).Module, skipVisibility: true);
        // TORCHJIT_DUMP_IL=<group name> prints this loop's IL and checks its stack.
        return (method, ILDump.Open(method, name, typeof(void), parameters));
    }
}
