using TorchJit.Ir;

namespace TorchJit.Codegen;

/// <summary>Node lowering: the subgraph's constants and ops as plan steps, and its outputs.</summary>
internal static partial class FusedLoopLowering
{
    private static string? LowerNodes(Graph subgraph, FusedInput[] inputs, int total, out float[] constants, out FusedStep[] steps, out int[] outputs)
    {
        var constantList = new List<float>();
        var stepList = new List<FusedStep>();
        constants = [];
        steps = [];
        outputs = [];
        var sources = new Dictionary<Value, FusedSource>();
        for (int i = 0; i < subgraph.Inputs.Count; i++) sources[subgraph.Inputs[i]] = new FusedSource(FusedSourceKind.Input, i);

        foreach (var n in subgraph.Block.Nodes)
        {
            if (n.Kind == NodeKinds.Constant)
            {
                // Strings (gelu's mode) and None are read by the op's lowering, never as data.
                if (n.Attribute("value") is null or string) continue;
                if (ConstantFloat(n.Attribute("value")) is not { } value) return $"constant %{n.Output.Name} is not a number or a one-element tensor";
                sources[n.Output] = new FusedSource(FusedSourceKind.Constant, constantList.Count);
                constantList.Add(value);
                continue;
            }

            if (FusibleOps.WhyNot(n) is { } reason) return $"{n.Kind} cannot be fused: {reason}";
            if (FusedOperators.Lower(n) is not { } op) return $"{n.Kind} has no operator struct for the loop";
            var operands = new FusedSource[op.Arity];
            for (int k = 0; k < operands.Length; k++)
            {
                var v = n.Inputs[op.Operands[k]];
                if (!sources.TryGetValue(v, out operands[k])) return $"{n.Kind} reads %{v.Name}, which is not a number or tensor of the group";
                if (operands[k].Kind == FusedSourceKind.Input) inputs[operands[k].Index] = inputs[operands[k].Index] with { Used = true };
            }

            // Every step must have the group's shape, so it must read a full-size value: a step on rows and
            // scalars alone (relu of a bias) would be smaller. The sweep runs such groups op by op instead.
            if (total > 1 && !ReadsFullValue(operands, inputs))
                return $"{n.Kind} reads only scalars and rows, so its result is smaller than the group";
            sources[n.Output] = new FusedSource(FusedSourceKind.Step, stepList.Count);
            stepList.Add(new FusedStep(n.Kind, op.Operator, operands));
        }

        outputs = new int[subgraph.Outputs.Count];
        for (int i = 0; i < outputs.Length; i++)
        {
            if (!sources.TryGetValue(subgraph.Outputs[i], out var s) || s.Kind != FusedSourceKind.Step)
                return $"output {i} is not computed by the group";
            outputs[i] = s.Index;
        }

        constants = [.. constantList];
        steps = [.. stepList];
        return null;
    }

    private static bool ReadsFullValue(FusedSource[] operands, FusedInput[] inputs)
    {
        foreach (var o in operands)
        {
            if (o.Kind == FusedSourceKind.Step) return true;
            if (o.Kind == FusedSourceKind.Input && inputs[o.Index].Kind == FusedOperandKind.Full) return true;
        }

        return false;
    }

    // A constant as the sweep reads it: numbers converted to float (bool as 0/1), a one-element tensor's element.
    private static float? ConstantFloat(object? value) => value switch
    {
        long l => l,
        double d => (float)d,
        bool b => b ? 1f : 0f,
        Tensor { NumElements: 1 } t => t.contiguous().ToArray()[0],
        _ => null,
    };
}
