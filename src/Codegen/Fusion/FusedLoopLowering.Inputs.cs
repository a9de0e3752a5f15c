using TorchJit.Ir;
using TorchJit.Kernels;

namespace TorchJit.Codegen;

/// <summary>Input binding: the group's shape from the static input types, and how each input is read.</summary>
internal static partial class FusedLoopLowering
{
    private static string? BindInputs(Graph subgraph, IReadOnlyList<JitType> types, out FusedInput[] inputs, out int[] shape, out long total)
    {
        inputs = new FusedInput[types.Count];
        shape = [];
        total = 0;
        if (types.Count != subgraph.Inputs.Count) return $"the group takes {subgraph.Inputs.Count} inputs, got {types.Count} types";

        // The group's shape is the broadcast of every tensor input, one-element ones included (as the sweep's).
        for (int i = 0; i < types.Count; i++)
        {
            if (types[i] is not TensorType t) continue;
            if (t.DType is not { } dtype) return $"input {i} has no dtype";
            if (dtype != DType.Float32) return $"input {i} is {dtype}, the loop runs float32";
            if (t.Sizes is not { } sizes) return $"input {i} has no sizes";
            if (t.Strides is { } strides && !IsContiguous(sizes, strides))
                return $"input {i} is a non-contiguous view (sizes [{string.Join(", ", sizes)}], strides [{string.Join(", ", strides)}])";
            try
            {
                shape = Broadcasting.BroadcastShapes(shape, sizes);
            }
            catch (ArgumentException e)
            {
                return $"the inputs do not broadcast: {e.Message}";
            }
        }

        total = Broadcasting.NumElements(shape);
        for (int i = 0; i < types.Count; i++)
        {
            switch (types[i])
            {
                case FloatType:
                    inputs[i] = new FusedInput(FusedOperandKind.Scalar, typeof(double), 1, Used: false);
                    continue;
                case IntType:
                    inputs[i] = new FusedInput(FusedOperandKind.Scalar, typeof(long), 1, Used: false);
                    continue;
                case TensorType t:
                    if (Classify(t.Sizes!, shape, total) is not { } kind)
                        return $"input {i} [{string.Join(", ", t.Sizes!)}] neither has the group's shape [{string.Join(", ", shape)}] nor is one element or a row repeating into it";
                    int elements = (int)Broadcasting.NumElements(t.Sizes);
                    inputs[i] = new FusedInput(kind, typeof(Tensor), elements, Used: false);
                    continue;
                default:
                    return $"input {i} is {types[i]}, expected a tensor, float or int";
            }
        }

        return null;
    }

    // One element: a scalar. Otherwise the input must repeat into the group's shape along the leading
    // dimensions (the sweep's rule): all of it is Full, a proper part a Row.
    private static FusedOperandKind? Classify(int[] sizes, int[] shape, long total)
    {
        long elements = Broadcasting.NumElements(sizes);
        if (elements == 1) return FusedOperandKind.Scalar;
        if (!RepeatsInto(sizes, shape)) return null;
        return elements == total ? FusedOperandKind.Full : FusedOperandKind.Row;
    }

    // True when `sizes` (leading 1s dropped) equals the trailing dimensions of `shape`.
    private static bool RepeatsInto(int[] sizes, int[] shape)
    {
        int skip = 0;
        while (skip < sizes.Length && sizes[skip] == 1) skip++;
        var core = sizes.AsSpan(skip);
        return core.Length <= shape.Length && core.SequenceEqual(shape.AsSpan(shape.Length - core.Length));
    }

    // Row-major without gaps; dimensions of size 1 may have any stride, and an empty tensor is contiguous
    // (the tensor's own rule, so a type taken from a tensor agrees with Tensor.IsContiguous).
    private static bool IsContiguous(int[] sizes, int[] strides)
    {
        if (strides.Length != sizes.Length) return false;
        long expected = 1;
        for (int d = sizes.Length - 1; d >= 0; d--)
        {
            if (sizes[d] == 0) return true;
            if (sizes[d] != 1 && strides[d] != expected) return false;
            expected *= sizes[d];
        }

        return true;
    }
}
