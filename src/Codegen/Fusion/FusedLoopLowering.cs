using System.Runtime.Intrinsics;
using TorchJit.Ir;
using TorchJit.Kernels;

namespace TorchJit.Codegen;

/// <summary>
/// Specializes a fusion group's subgraph for static input types and a vector width: the analysis half of
/// <see cref="FusedLoopKernel"/> (the IL writer only walks the <see cref="FusedLoopPlan"/> made here). Every
/// "no" comes with a reason. The rules mirror <see cref="FusedElementwise"/>'s sweep, whose results the loop must
/// reproduce bit for bit: the same ops, operands and number conversions, and the same inputs it can read.
/// </summary>
internal static partial class FusedLoopLowering
{
    /// <summary>The plan, or null with <paramref name="whyNot"/> set.</summary>
    public static FusedLoopPlan? Lower(Graph subgraph, IReadOnlyList<JitType> inputTypes, VectorWidth width, out string? whyNot)
    {
        if (width is < VectorWidth.Best or > VectorWidth.V512) throw new ArgumentOutOfRangeException(nameof(width), width, "unknown vector width");
        whyNot = BindInputs(subgraph, inputTypes, out var inputs, out var shape, out long total);
        if (whyNot is not null) return null;
        if (total > int.MaxValue)
        {
            whyNot = $"the group has {total} elements, more than an int indexes";
            return null;
        }

        whyNot = SinglePeriod(inputs, (int)total, out int period);
        if (whyNot is not null) return null;
        whyNot = LowerNodes(subgraph, inputs, (int)total, out var constants, out var steps, out var outputs);
        if (whyNot is not null) return null;

        var resolved = width == VectorWidth.Best ? VectorWidths.Resolve(VectorWidth.Best) : width;
        int lanes = Lanes(resolved);
        int unroll = lanes > 1 && AllCheap(steps) ? 2 : 1;
        return new FusedLoopPlan(resolved, lanes, unroll, shape, (int)total, period, inputs, constants, steps, outputs);
    }

    // Floats per vector. Vector512 runs on any machine (emulated as two 256-bit halves without AVX-512), so a
    // forced width is kept as asked: tests pin every width, and the results are the same by the operator contract.
    private static int Lanes(VectorWidth w) => w switch
    {
        VectorWidth.V512 => Vector512<float>.Count,
        VectorWidth.V256 => Vector256<float>.Count,
        VectorWidth.V128 => Vector128<float>.Count,
        _ => 1,
    };

    // Unrolling pays only for groups of one-instruction ops, where loop overhead is a visible share. Groups
    // with transcendentals already keep the core busy (out-of-order execution overlaps iterations), and a
    // second copy of their many constants and temporaries spills: measured on AVX2, sigmoid(x*a+b)*tanh(x)
    // ran ~25% slower unrolled by 2.
    private static readonly HashSet<Type> CheapOperators =
    [
        typeof(AddOperator), typeof(SubtractOperator), typeof(MultiplyOperator), typeof(DivideOperator),
        typeof(MaximumOperator), typeof(MinimumOperator), typeof(ReluOperator), typeof(NegateOperator),
        typeof(AbsOperator), typeof(LeakyReluOperator),
    ];

    private static bool AllCheap(FusedStep[] steps)
    {
        foreach (var s in steps)
            if (!CheapOperators.Contains(s.Operator)) return false;
        return true;
    }

    // All Row inputs must repeat with one period P, so one row loop serves them all.
    private static string? SinglePeriod(FusedInput[] inputs, int total, out int period)
    {
        period = total;
        for (int i = 0; i < inputs.Length; i++)
        {
            if (inputs[i].Kind != FusedOperandKind.Row) continue;
            if (period != total && period != inputs[i].Elements)
                return $"row inputs repeat with different periods ({period} and {inputs[i].Elements} elements)";
            period = inputs[i].Elements;
        }

        return null;
    }
}
