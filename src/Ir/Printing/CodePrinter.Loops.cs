namespace TorchJit.Ir;

/// <summary>
/// Loops. A <c>prim::Loop(max_trip_count, initial_condition, carried...)</c> was either a <c>for</c> loop
/// (conditions constant true) or a <c>while</c> loop (trip count the INT64_MAX default and unused); the
/// printer tells them apart as python_print's <c>LoopView::loopType</c> does, and refuses a loop that has
/// both a trip count and a condition (only optimizations make those). Carried values are assigned to the
/// loop's output names before the loop, the body's carried inputs share those names, and the body ends by
/// reassigning them. A <c>while</c> loop has no variable for its condition, so the unused trip-count input
/// of the body stands in for it:
/// <code>
///   %y = prim::Loop(%max, %c0, %y.1)          y = y1
///     block0(%i : int, %y.3 : Tensor):        _0 = c0
///       ...                              →    while _0:
///       -> (%c1, %y.5)                          ...
///                                               _0, y = c1, y5
/// </code>
/// </summary>
public sealed partial class CodePrinter
{
    /// <summary>How a <c>prim::Loop</c> reads as Python.</summary>
    public enum LoopKind
    {
        /// <summary><c>for i in range(n):</c> — both conditions constant true.</summary>
        For,

        /// <summary><c>while cond:</c> — the trip count is the default INT64_MAX and unused.</summary>
        While,

        /// <summary>A trip count and a condition together: no Python loop says that.</summary>
        Modified,
    }

    /// <summary>Classifies a <c>prim::Loop</c> node as python_print does.</summary>
    public static LoopKind KindOfLoop(Node loop)
    {
        ArgumentNullException.ThrowIfNull(loop);
        var body = loop.Blocks[0];
        bool conditionAlwaysTrue = loop.Inputs[1].ConstantValue is true && body.Outputs[0].ConstantValue is true;
        bool tripCountSpecified = loop.Inputs[0].ConstantValue is not long trips || trips != long.MaxValue || body.Inputs[0].Uses.Count > 0;
        if (conditionAlwaysTrue) return tripCountSpecified ? LoopKind.For : LoopKind.While;
        return tripCountSpecified ? LoopKind.Modified : LoopKind.While;
    }


    private void PrintLoop(Node n)
    {
        var kind = KindOfLoop(n);
        if (kind == LoopKind.Modified)
        {
            throw new NotSupportedException(
                $"loop cannot be printed as python because it has gone through an optimization that combined while and for loops{(n.Source is { } s ? $" ({s})" : "")}");
        }

        var loopBody = n.Blocks[0];
        AssignUniqueNames(n.Outputs);
        // The body's carried inputs are the loop's outputs under the same names.
        for (int i = 0; i < n.Outputs.Count; i++) exprTable[loopBody.Inputs[i + 1]] = UseOf(n.Outputs[i]);
        for (int i = 0; i < n.Outputs.Count; i++)
        {
            Indent();
            body.Append(UseOf(n.Outputs[i]));
            // An annotation where the initial value's type differs from the carried type (None for a Tensor?).
            if (!n.Outputs[i].Type.Equals(n.Inputs[i + 2].Type)) body.Append(": ").Append(n.Outputs[i].Type.Annotation);
            body.Append(" = ").Append(UseOf(n.Inputs[i + 2])).Append('\n');
        }

        var counter = loopBody.Inputs[0];
        AssignUniqueNames([counter]);
        if (kind == LoopKind.For)
        {
            Indent();
            body.Append("for ").Append(UseOf(counter)).Append(" in range(").Append(UseOf(n.Inputs[0])).Append("):\n");
        }
        else
        {
            PrintAssignment([counter], [n.Inputs[1]]);
            Indent();
            body.Append("while ").Append(UseOf(counter)).Append(":\n");
        }

        level++;
        // A for loop does not reassign its condition: it is always true.
        int offset = kind == LoopKind.For ? 1 : 0;
        var carriedInputs = loopBody.Inputs.Skip(offset).ToArray();
        PrintBlock(loopBody, carriedInputs.Length > 0);
        PrintAssignment(carriedInputs, loopBody.Outputs.Skip(offset).ToArray());
        level--;
    }
}
